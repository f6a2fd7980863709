using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Tasklane.Cli.Commands;

/// <summary><c>tasks create</c>, <c>tasks create-many</c> (JSON lines, in batches) and <c>tasks clone</c>.</summary>
internal static partial class TaskCreateCommands
{
    /// <summary>The most tasks one <c>POST /api/tasks/batch</c> takes.</summary>
    public const int MaxBatch = 1000;

    public static Command Create()
    {
        var worker = new Argument<string>("worker") { Description = "The worker, e.g. demo" };
        var action = new Argument<string>("action") { Description = "The action, e.g. sleep" };
        var data = new Option<string>("--data") { Description = "The task data as JSON, or @FILE, or @- for standard input", DefaultValueFactory = _ => "{}" };
        var priority = new Option<string?>("--priority") { Description = "high, normal or low" };
        priority.AcceptOnlyFromAmong("high", "normal", "low");
        var queue = new Option<string?>("--queue") { Description = "The queue (else the action's)" };
        var maxAttempts = new Option<int?>("--max-attempts") { Description = "How many attempts before it fails" };
        var runAt = new Option<string?>("--run-at") { Description = "When to run: a time (2026-12-24T18:00:00Z) or a delay (30s, 10m, 2h, 1d)" };
        var key = new Option<string?>("--idempotency-key") { Description = "A second create with this key answers the first task" };
        var objectType = new Option<string?>("--object-type") { Description = "The type of the object the task works on" };
        var objectId = new Option<string?>("--object-id") { Description = "The id of that object" };
        var tags = new Option<string[]>("--tag") { Description = "A tag (repeat for several)" };
        var command = new Command("create", "Create a task and print its id")
        {
            worker, action, data, priority, queue, maxAttempts, runAt, key, objectType, objectId, tags, CommonOptions.Json,
        };
        command.SetAction((parse, cancellationToken) => ClientOptions.RunAsync(async () =>
        {
            var body = new JsonObject
            {
                ["worker"] = parse.GetValue(worker),
                ["action"] = parse.GetValue(action),
                ["data"] = CommonOptions.ParseJson("--data", parse.GetValue(data)!),
            };
            Set(body, "priority", parse.GetValue(priority));
            Set(body, "queue", parse.GetValue(queue));
            if (parse.GetValue(maxAttempts) is { } attempts) body["max_attempts"] = attempts;
            Set(body, "run_at", CommonOptions.ParseTime("--run-at", parse.GetValue(runAt)));
            Set(body, "idempotency_key", parse.GetValue(key));
            Set(body, "object_type", parse.GetValue(objectType));
            Set(body, "object_id", parse.GetValue(objectId));
            if (parse.GetValue(tags) is { Length: > 0 } list) body["tags"] = new JsonArray([.. list.Select(t => JsonValue.Create(t))]);
            using var client = ClientOptions.Client(parse);
            var task = await client.SendAsync(HttpMethod.Post, "api/tasks", body, cancellationToken);
            if (parse.GetValue(CommonOptions.Json)) CliOutput.Json(task);
            else Console.WriteLine((long?)task["id"]);
        }));
        return command;
    }

    public static Command CreateMany()
    {
        var file = new Argument<string>("file") { Description = "A file of JSON lines, one create body each; - (the default) reads standard input", DefaultValueFactory = _ => "-" };
        var worker = new Option<string?>("--worker") { Description = "The worker of lines that name none" };
        var action = new Option<string?>("--action") { Description = "The action of lines that name none" };
        var size = new Option<int>("--batch-size") { Description = $"Tasks per request (1 to {MaxBatch})", DefaultValueFactory = _ => MaxBatch };
        var command = new Command("create-many", "Create tasks from JSON lines ({\"worker\",\"action\",\"data\",…} each) in batches, and print their ids")
        {
            file, worker, action, size, CommonOptions.Json,
        };
        command.SetAction((parse, cancellationToken) => ClientOptions.RunAsync(async () =>
        {
            var batch = parse.GetValue(size);
            if (batch is < 1 or > MaxBatch) throw new CliException($"--batch-size must be 1 to {MaxBatch}", ExitCodes.Usage);
            var lines = ReadLines(parse.GetValue(file)!, parse.GetValue(worker), parse.GetValue(action));
            if (lines.Count == 0) throw new CliException("no tasks to create: the input has no JSON lines", ExitCodes.Usage);
            using var client = ClientOptions.Client(parse);
            var created = new JsonArray();
            for (var start = 0; start < lines.Count; start += batch)
            {
                var chunk = lines.Skip(start).Take(batch).ToList();
                JsonNode answer;
                try
                {
                    answer = await client.SendAsync(HttpMethod.Post, "api/tasks/batch",
                        new JsonObject { ["tasks"] = new JsonArray([.. chunk.Select(l => l.Body.DeepClone())]) }, cancellationToken);
                }
                catch (CliException ex) when (start > 0 || ex.Status is not null)
                {
                    var index = BatchIndex().Match(ex.Message) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
                    int? line = index >= 0 && index < chunk.Count ? chunk[index].Line : null;
                    throw new CliException(
                        $"{ex.Message}{(line is null ? "" : $" at line {line}")}; {created.Count} task(s) of earlier batches were created, none of this batch",
                        ex.ExitCode) { Status = ex.Status };
                }
                foreach (var task in answer["items"]?.AsArray() ?? [])
                {
                    if (!parse.GetValue(CommonOptions.Json)) Console.WriteLine((long?)task?["id"]);
                    created.Add(task?.DeepClone());
                }
            }
            if (parse.GetValue(CommonOptions.Json)) CliOutput.Json(new JsonObject { ["items"] = created });
            else CliOutput.Note($"{created.Count} task(s) created");
        }));
        return command;
    }

    public static Command Clone()
    {
        var id = CommonOptions.TaskId();
        var data = new Option<string?>("--data") { Description = "New data as JSON, or @FILE (else the task's)" };
        var runAt = new Option<string?>("--run-at") { Description = "When to run: a time or a delay (30s, 10m, 2h, 1d)" };
        var queue = new Option<string?>("--queue") { Description = "Another queue" };
        var priority = new Option<string?>("--priority") { Description = "high, normal or low" };
        priority.AcceptOnlyFromAmong("high", "normal", "low");
        var command = new Command("clone", "Create a new task with a task's worker, action and data (some replaced), and print its id")
        {
            id, data, runAt, queue, priority, CommonOptions.Json,
        };
        command.SetAction((parse, cancellationToken) => ClientOptions.RunAsync(async () =>
        {
            var taskId = parse.GetValue(id);
            var body = new JsonObject();
            if (parse.GetValue(data) is { } text) body["data"] = CommonOptions.ParseJson("--data", text);
            Set(body, "run_at", CommonOptions.ParseTime("--run-at", parse.GetValue(runAt)));
            Set(body, "queue", parse.GetValue(queue));
            Set(body, "priority", parse.GetValue(priority));
            using var client = ClientOptions.Client(parse);
            var task = await client.SendAsync(HttpMethod.Post, $"api/tasks/{taskId}/clone", body, cancellationToken, $"task {taskId}");
            if (parse.GetValue(CommonOptions.Json)) CliOutput.Json(task);
            else Console.WriteLine((long?)task["id"]);
        }));
        return command;
    }

    /// <summary>The input's JSON lines (blank ones skipped), each an object; one that is not is a usage error naming its line.</summary>
    private static List<(int Line, JsonObject Body)> ReadLines(string file, string? worker, string? action)
    {
        TextReader reader;
        try
        {
            reader = file == "-" ? Console.In : new StreamReader(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{file}: {ex.Message}", ExitCodes.Usage);
        }
        var lines = new List<(int, JsonObject)>();
        using (file == "-" ? null : reader)
        {
            var number = 0;
            while (reader.ReadLine() is { } text)
            {
                number++;
                if (string.IsNullOrWhiteSpace(text)) continue;
                JsonNode? node;
                try { node = JsonNode.Parse(text); }
                catch (JsonException ex) { throw new CliException($"line {number} is not JSON: {ex.Message}", ExitCodes.Usage); }
                if (node is not JsonObject body) throw new CliException($"line {number} is not a JSON object", ExitCodes.Usage);
                if (worker is not null && body["worker"] is null) body["worker"] = worker;
                if (action is not null && body["action"] is null) body["action"] = action;
                lines.Add((number, body));
            }
        }
        return lines;
    }

    private static void Set(JsonObject body, string name, string? value)
    {
        if (value is not null) body[name] = value;
    }

    [GeneratedRegex(@"tasks\[(\d+)\]")]
    private static partial Regex BatchIndex();
}
