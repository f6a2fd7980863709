using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tasklane.AspNetCore;
using Tasklane.Tests.Api;
using Tasklane.Tests.EndToEnd;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Proofs;

/// <summary>
/// Fuzzing (issue 10): every route of the API catalog and the console's forms, on a real <c>tasklane serve</c>, receives
/// generated malformed input — wrong types, missing and extra fields, huge strings and numbers, nesting 5,000 deep,
/// 2 MB bodies, invalid UTF-8 and NUL, forms and multipart where JSON is expected and JSON where a form is. No answer is
/// a 5xx, the server logs no unhandled exception, and the task count moves only by the creates that were answered 201.
/// The inputs come from a seeded generator (<c>TASKLANE_FUZZ_SEED</c>, default 10): a failure names its seed and
/// request, and repeats. <c>TASKLANE_FUZZ_ROUNDS</c> (default 1) adds rounds of random mutations beyond the fixed
/// cases; the full form is <c>TASKLANE_FUZZ_ROUNDS=20</c> (docs/reliability.md).
/// </summary>
[Collection("Processes")]
public sealed partial class FuzzTests
{
    private const int DeepNesting = 5000;
    private static readonly JsonNode?[] WrongValues =
    [
        JsonValue.Create("x"), JsonValue.Create(-1), JsonValue.Create(0), JsonValue.Create(true), new JsonArray(), new JsonObject(), null,
        JsonValue.Create(1e308), JsonValue.Create(-1e308), JsonValue.Create(long.MaxValue), JsonValue.Create(2147483647), JsonValue.Create("9999-12-31T23:59:59Z"),
        JsonValue.Create("0001-01-01T00:00:00Z"), JsonValue.Create("\0"), JsonValue.Create(new string('x', 300_000)),
    ];

    [Fact]
    public async Task EveryRouteAndConsoleForm_MalformedInput_No5xxNoUnhandledExceptionNoStrayTasks()
    {
        var seed = Environment.GetEnvironmentVariable("TASKLANE_FUZZ_SEED") is { Length: > 0 } s ? int.Parse(s, CultureInfo.InvariantCulture) : 10;
        var rounds = Environment.GetEnvironmentVariable("TASKLANE_FUZZ_ROUNDS") is { Length: > 0 } r ? int.Parse(r, CultureInfo.InvariantCulture) : 1;
        var random = new Random(seed);
        using var directory = new TempDirectory();
        await using var server = await ServeProcess.StartAsync(directory.DatabasePath);
        await server.SignInAsync();
        var fuzz = new Fuzzer(server, seed);
        await fuzz.PrepareAsync();
        var before = await fuzz.TaskTotalAsync();
        var clock = Stopwatch.StartNew();
        var operations = await RoutesAsync();

        foreach (var operation in operations.Where(o => !o.Path.EndsWith("/logout", StringComparison.Ordinal)))
        {
            var started = clock.Elapsed;
            using var timing = new Timing(() => fuzz.Timings.Add($"{operation.Method} {operation.Path}: {clock.Elapsed - started}"));
            foreach (var path in fuzz.Paths(operation)) await fuzz.QueryCasesAsync(operation, path, random);
            if (operation.Method is "GET") continue;
            // Every body case on the first path (a real target, or the only path); a few on the others (a bad id is refused first).
            foreach (var (path, i) in fuzz.Paths(operation).Select((p, i) => (p, i))) await fuzz.BodyCasesAsync(operation, path, random, i == 0 ? rounds : 0, full: i == 0);
        }
        // The console's JSON forms (new task, new user, settings, worker settings) post with the session cookie and the
        // anti-forgery header; the sign-in and sign-out forms are forms.
        foreach (var path in new[] { "api/tasks", "api/users", "api/system/task-settings", "api/workers/demo-sync/settings" })
        {
            var operation = operations.First(o => path.StartsWith(o.Path.TrimStart('/').Replace("{identifier}", "demo-sync", StringComparison.Ordinal), StringComparison.Ordinal) && o.Method is "POST" or "PUT");
            await fuzz.BodyCasesAsync(operation, path, random, rounds, viaCookie: true);
        }
        await fuzz.LoginFormCasesAsync(random);
        var after = await fuzz.TaskTotalAsync();
        var tasks = string.Join('\n', (await server.Http.GetFromJsonAsync<JsonObject>("api/tasks?page_size=200"))!["items"]!.AsArray()
            .Select(t => $"{t!["id"]} {t["worker"]}.{t["action"]} by {t["created_by"]?["username"]} {t["status"]} {t["schedule_id"]}"));
        await fuzz.LogoutCasesAsync();
        var output = server.Output;
        var unhandled = output.Split('\n').Where(l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal)
            || l.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(fuzz.Failures.Count == 0, $"seed {seed}: {fuzz.Requests} requests, {fuzz.Failures.Count} failures:\n{string.Join('\n', fuzz.Failures.Take(60))}");
        Assert.True(unhandled.Count == 0, $"seed {seed}: the server logged:\n{string.Join('\n', unhandled.Take(40))}");
        if (before + fuzz.Created - fuzz.Removed != after)
        {
            Assert.Fail($"seed {seed}: {before} tasks before, {fuzz.Created} created, {fuzz.Removed} removed, {after} after:\n{tasks}\n{string.Join('\n', fuzz.CreatedBy)}\n{string.Join('\n', fuzz.Timings)}");
        }
        Assert.True(fuzz.Created > 0, "no valid create among the cases: the count check proves nothing");
        Assert.True(fuzz.Requests > 2000, $"only {fuzz.Requests} requests in {clock.Elapsed}");
    }

    /// <summary>Sends the cases and keeps what went wrong.</summary>
    /// <summary>The API routes as <c>MapTasklane</c> maps them (in process: the same routes the server serves).</summary>
    private static async Task<IReadOnlyList<ApiOperation>> RoutesAsync()
    {
        await using var host = await ApiHost.StartAsync();
        return ApiRoutes.From(host.Services.GetRequiredService<EndpointDataSource>());
    }

    private sealed partial class Fuzzer(ServeProcess server, int seed)
    {
        private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        private readonly CookieContainer _cookies = new();
        private HttpClient _console = null!;
        private string _consoleCsrf = "";
        private long _pendingTask;
        private long _pipelineTask;
        private long _subtask;
        private long _victimUser;

        public List<string> Failures { get; } = [];
        public int Requests { get; private set; }
        public long Created { get; private set; }
        public long Removed { get; private set; }
        public List<string> CreatedBy { get; } = [];
        public List<string> Timings { get; } = [];

        public async Task PrepareAsync()
        {
            _http.DefaultRequestHeaders.Authorization = server.Http.DefaultRequestHeaders.Authorization;
            _pendingTask = await CreateAsync(new { worker = "demo", action = "noop", run_at = DateTimeOffset.UtcNow.AddDays(2) });
            _pipelineTask = await CreateAsync(new { worker = "demo", action = "pipeline", data = new { fail_step = "publish" } });
            await Eventually.ValueAsync(async () => (await _http.GetFromJsonAsync<JsonObject>($"api/tasks/{_pipelineTask}"))!["status"]!.GetValue<string>(),
                s => s == "failed", TimeSpan.FromSeconds(30), "the pipeline to fail");
            _subtask = (long)(await _http.GetFromJsonAsync<JsonObject>($"api/tasks/{_pipelineTask}/subtasks"))!["items"]![0]!["id"]!;
            var victim = await _http.PostAsJsonAsync("api/users", new { username = "fuzz-victim", password = "fuzz-victim-password", role = "viewer" });
            victim.EnsureSuccessStatusCode();
            _victimUser = (long)(await victim.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

            _console = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = _cookies }) { BaseAddress = server.BaseAddress };
            var (token, _) = await LoginPageAsync();
            var signIn = await _console.PostAsync("login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["username"] = "admin", ["password"] = ServeProcess.AdminPassword, ["return"] = "/",
            }));
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            _consoleCsrf = (await _console.GetFromJsonAsync<JsonObject>("api/auth/antiforgery"))!["token"]!.GetValue<string>();
        }

        public async Task<long> TaskTotalAsync() =>
            (long)(await _http.GetFromJsonAsync<JsonObject>("api/tasks?page_size=1"))!["total"]!;

        /// <summary>The paths a route is fuzzed on: a valid target (never for DELETE), one that does not exist, and malformed ones.</summary>
        public IEnumerable<string> Paths(ApiOperation operation)
        {
            var p = operation.Path.TrimStart('/');
            if (!p.Contains('{', StringComparison.Ordinal)) { yield return p; yield break; }
            var name = ParameterPattern().Match(p).Groups[1].Value;
            string valid = name switch
            {
                "identifier" => "demo-sync",
                _ when p.StartsWith("api/users", StringComparison.Ordinal) => _victimUser.ToString(CultureInfo.InvariantCulture),
                _ when p.StartsWith("api/subtasks", StringComparison.Ordinal) => _subtask.ToString(CultureInfo.InvariantCulture),
                _ when p.StartsWith("api/task-schedules", StringComparison.Ordinal) => "demo-sync",
                _ when p.Contains("subtasks", StringComparison.Ordinal) || p.EndsWith("retry", StringComparison.Ordinal) => _pipelineTask.ToString(CultureInfo.InvariantCulture),
                _ => _pendingTask.ToString(CultureInfo.InvariantCulture),
            };
            string[] values = ["999999999", "0", "-1", "abc", "99999999999999999999999", "1e5", "%00", "%FF%FE", "%C3%28", new string('9', 5000), "..%2F..%2Fetc"];
            if (operation.Method != "DELETE") yield return ParameterPattern().Replace(p, valid);
            foreach (var value in values) yield return ParameterPattern().Replace(p, value);
        }

        /// <summary>Each declared query parameter with wrong and extreme values, an unknown one, and bytes that are not UTF-8.</summary>
        public async Task QueryCasesAsync(ApiOperation operation, string path, Random random)
        {
            string[] values = ["x", "-1", "0", "99999999999999999999", "1e308", "9999-12-31T23:59:59Z", "0001-01-01", "%00", "%FF", "%C3%28", "", new string('a', 20_000), "'%20OR%201=1--", "<script>"];
            var bodyless = operation.Method is "GET" or "DELETE" || operation.Body is null;
            var queries = operation.Query.SelectMany(q => values.Select(v => $"{q.Name}={v}")).ToList();
            queries.Add("zzz_unknown=1");
            queries.Add("%FF=1");
            queries.Add(string.Join('&', Enumerable.Range(0, 2000).Select(i => $"status=pending")));
            if (operation.Query.Count > 1) queries.Add(string.Join('&', operation.Query.Select(q => $"{q.Name}={values[random.Next(values.Length)]}")));
            if (!bodyless || operation.Method == "DELETE") queries = queries.Take(4).ToList(); // a write's body is what matters
            foreach (var query in queries)
            {
                await SendAsync(operation, path + "?" + query, () => null);
            }
        }

        /// <summary>Bodies built from the route's body type (or none): wrong types, missing and extra fields, huge values, deep nesting, big and non-UTF-8 bodies, forms.</summary>
        public async Task BodyCasesAsync(ApiOperation operation, string path, Random random, int rounds, bool viaCookie = false, bool full = true)
        {
            var valid = ValidBody(operation);
            var fields = valid.Select(p => p.Key).ToList();
            var cases = new List<(string Name, Func<HttpContent?> Content)>
            {
                ("none", () => null),
                ("empty", () => Json("")),
                ("{}", () => Json("{}")),
                ("valid", () => Json(valid.ToJsonString())),
                ("extra field", () => Json(With(valid, "zzz_extra", 1).ToJsonString())),
                ("not an object", () => Json("[1,2,3]")),
                ("scalar", () => Json("42")),
                ("truncated", () => Json(valid.ToJsonString()[..Math.Max(1, valid.ToJsonString().Length / 2)])),
                ("deep arrays", () => Json(new string('[', DeepNesting) + new string(']', DeepNesting))),
                ("deep objects", () => Json(string.Concat(Enumerable.Repeat("{\"a\":", DeepNesting)) + "1" + new string('}', DeepNesting))),
                ("deep data", () => Json(With(valid, "data", null).ToJsonString().Replace("\"data\":null", "\"data\":" + new string('[', DeepNesting) + new string(']', DeepNesting), StringComparison.Ordinal))),
                ("2 MB string", () => Json(With(valid, fields.FirstOrDefault() ?? "x", new string('x', 2 * 1024 * 1024)).ToJsonString())),
                ("2 MB garbage", () => Bytes(RandomBytes(random, 2 * 1024 * 1024), "application/json")),
                ("invalid UTF-8", () => Bytes(Encoding.UTF8.GetBytes(valid.ToJsonString().Replace("noop", "no\u0001op", StringComparison.Ordinal)).Select(b => b == 1 ? (byte)0xC3 : b).Append((byte)0x20).ToArray(), "application/json")),
                ("invalid UTF-8 in data", () => Bytes([.. "{\"worker\":\"demo\",\"action\":\"noop\",\"data\":{\"s\":\""u8.ToArray(), 0xFF, 0xFE, 0xC3, 0x28, .. "\"},\"api_key\":\""u8.ToArray(), 0xED, 0xA0, 0x80, .. "\"}"u8.ToArray()], "application/json")),
                ("NUL", () => Bytes([.. "{\"worker\":\"demo\0\",\"action\":\"noop\"}"u8.ToArray(), 0], "application/json")),
                ("escaped NUL", () => Json(With(valid, fields.FirstOrDefault() ?? "x", "a\0b").ToJsonString())),
                ("form", () => new FormUrlEncodedContent(valid.Select(p => new KeyValuePair<string, string>(p.Key, p.Value?.ToString() ?? "")))),
                ("multipart", () => Multipart(valid)),
                ("broken multipart", () => Bytes("--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nv"u8.ToArray(), "multipart/form-data; boundary=b")),
                ("text", () => new StringContent(valid.ToJsonString(), Encoding.UTF8, "text/plain")),
                ("json, no content type", () => Bytes(Encoding.UTF8.GetBytes(valid.ToJsonString()), null)),
            };
            if (!full) cases = [.. cases.Where(c => c.Name is "valid" or "deep arrays" or "invalid UTF-8" or "multipart")];
            foreach (var field in full ? fields : [])
            {
                cases.Add(($"missing {field}", () => Without(valid, field)));
                foreach (var wrong in WrongValues) cases.Add(($"{field}={Describe(wrong)}", () => Json(With(valid, field, wrong?.DeepClone()).ToJsonString())));
            }
            for (var round = 0; round < rounds; round++)
            {
                // Random mutations: several fields at once, each wrong in its own way, sometimes nested in data.
                var mutated = (JsonObject)valid.DeepClone();
                foreach (var field in fields.Where(_ => random.Next(2) == 0)) mutated[field] = WrongValues[random.Next(WrongValues.Length)]?.DeepClone();
                if (random.Next(3) == 0) mutated["data"] = new JsonObject { ["seconds"] = WrongValues[random.Next(WrongValues.Length)]?.DeepClone(), ["steps"] = random.Next(int.MinValue, int.MaxValue) };
                var text = mutated.ToJsonString();
                cases.Add(($"round {round}: {Shorten(text)}", () => Json(text)));
            }
            foreach (var (name, content) in cases) await SendAsync(operation, path, content, name, viaCookie);
        }

        /// <summary>The sign-in form with a valid anti-forgery token, and everything a form should not be.</summary>
        public async Task LoginFormCasesAsync(Random random)
        {
            var cases = new List<(string Name, Func<string, HttpContent> Content)>
            {
                ("valid, wrong password", t => Form(t, ("username", "admin"), ("password", "wrong"))),
                ("no token", _ => Form(null, ("username", "admin"), ("password", "x"))),
                ("empty", t => Form(t)),
                ("value over 4 MiB", t => Form(t, ("username", "admin"), ("password", new string('p', 4 * 1024 * 1024 + 10)))),
                ("5,000 fields", t => Form(t, [.. Enumerable.Range(0, 5000).Select(i => ($"f{i}", "v"))])),
                ("2 MB body", t => Form(t, ("username", new string('u', 2 * 1024 * 1024)), ("password", "x"))),
                ("broken multipart", _ => Bytes("--b\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nadmin"u8.ToArray(), "multipart/form-data; boundary=b")),
                ("multipart", t => Multipart(new JsonObject { ["__RequestVerificationToken"] = t, ["username"] = "admin", ["password"] = "wrong" })),
                ("JSON", t => Json($"{{\"username\":\"admin\",\"password\":\"x\",\"__RequestVerificationToken\":\"{t}\"}}")),
                ("deep JSON", _ => Json(new string('[', DeepNesting) + new string(']', DeepNesting))),
                ("invalid UTF-8", t => Bytes([.. Encoding.ASCII.GetBytes("__RequestVerificationToken=" + Uri.EscapeDataString(t) + "&username="), 0xFF, 0xC3, 0x28, .. "&password=%FF%FE"u8.ToArray()], "application/x-www-form-urlencoded")),
                ("NUL", t => Form(t, ("username", "ad\0min"), ("password", "\0"))),
                ("return elsewhere", t => Form(t, ("username", "admin"), ("password", "wrong"), ("return", "//evil.example/%00"))),
                ("garbage", _ => Bytes(RandomBytes(random, 64 * 1024), "application/x-www-form-urlencoded")),
            };
            foreach (var (name, content) in cases)
            {
                // A fresh anti-forgery pair for each case, as a browser that loaded the page would send.
                using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = server.BaseAddress };
                var (token, _) = await LoginPageAsync(browser);
                await SendRawAsync(browser, HttpMethod.Post, "login", content(token), "POST /login: " + name);
            }
        }

        /// <summary>The sign-out form and route last: they end the sessions the other cases use.</summary>
        public async Task LogoutCasesAsync()
        {
            await SendRawAsync(_console, HttpMethod.Post, "logout", Bytes("--b\r\nbroken"u8.ToArray(), "multipart/form-data; boundary=b"), "POST /logout: broken multipart");
            await SendRawAsync(_console, HttpMethod.Post, "logout", Json("[[["), "POST /logout: JSON");
            await SendRawAsync(_console, HttpMethod.Post, "logout", Form(null, [.. Enumerable.Range(0, 5000).Select(i => ($"f{i}", "v"))]), "POST /logout: 5,000 fields");
            await SendRawAsync(_console, HttpMethod.Post, "logout", Form(_consoleCsrf, ("x", new string('x', 2 * 1024 * 1024))), "POST /logout: 2 MB");
            var logout = new ApiOperation("POST", "/api/auth/logout", null, [], null);
            await SendAsync(logout, "api/auth/logout?zzz=1", () => Json(new string('[', DeepNesting)));
            await SendAsync(logout, "api/auth/logout", () => Bytes(RandomBytes(new Random(seed), 2 * 1024 * 1024), "multipart/form-data; boundary=x"));
        }

        private async Task SendAsync(ApiOperation operation, string path, Func<HttpContent?> content, string? name = null, bool viaCookie = false)
        {
            var client = viaCookie ? _console : _http;
            using var request = new HttpRequestMessage(new HttpMethod(operation.Method), path) { Content = content() };
            if (viaCookie) request.Headers.Add("X-CSRF-TOKEN", _consoleCsrf);
            var what = $"{operation.Method} {Shorten(path)}{(name is null ? "" : ": " + name)}{(viaCookie ? " (cookie)" : "")}";
            // A bulk delete removes what it changed: read the action from the body before it is sent.
            var bulkDelete = operation.Path == "/api/tasks/bulk" && request.Content is { } sent && IsBulkDelete(await sent.ReadAsStringAsync());
            var body = await SendCoreAsync(client, request, what);
            if (body is not { } answer) return;
            // Valid creates move the count; so does a cleanup that removed something.
            if (answer.Status == HttpStatusCode.Created) CreatedBy.Add(what);
            if (answer.Status == HttpStatusCode.Created && operation.Path is "/api/tasks" or "/api/task-schedules/{id}/trigger") Created++;
            if (answer.Status == HttpStatusCode.Created && operation.Path == "/api/tasks/batch") Created += JsonNode.Parse(answer.Text)!["items"]!.AsArray().Count;
            if (answer.Status == HttpStatusCode.OK && operation.Path == "/api/tasks/cleanup") Removed += (long)JsonNode.Parse(answer.Text)!["tasks"]!;
            if (answer.Status == HttpStatusCode.Created && operation.Path == "/api/tasks/{id}/clone") Created++;
            if (answer.Status == HttpStatusCode.OK && bulkDelete) Removed += (long)JsonNode.Parse(answer.Text)!["changed"]!;
        }

        private static bool IsBulkDelete(string body)
        {
            try
            {
                return JsonNode.Parse(body) is JsonObject o && o["action"] is JsonValue v && v.TryGetValue<string>(out var action) && action == "delete";
            }
            catch (System.Text.Json.JsonException)
            {
                return false;
            }
        }

        private Task SendRawAsync(HttpClient client, HttpMethod method, string path, HttpContent content, string what) =>
            SendCoreAsync(client, new HttpRequestMessage(method, path) { Content = content }, what);

        private async Task<(HttpStatusCode Status, string Text)?> SendCoreAsync(HttpClient client, HttpRequestMessage request, string what)
        {
            Requests++;
            try
            {
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                var text = response.Content.Headers.ContentType?.MediaType == "text/event-stream" ? "" : await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode >= 500) Failures.Add($"{what} → {(int)response.StatusCode} {Shorten(text)}");
                return (response.StatusCode, text);
            }
            catch (HttpRequestException ex) when (request.Content?.Headers.ContentLength > 1024 * 1024)
            {
                // Kestrel may close the connection on a body past its limit once it has answered: not a server error.
                _ = ex;
                return null;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                Failures.Add($"{what} → {ex.GetType().Name}: {ex.Message}");
                return null;
            }
            finally
            {
                request.Dispose();
            }
        }

        private async Task<long> CreateAsync(object body)
        {
            var response = await _http.PostAsJsonAsync("api/tasks", body);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (long)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        }

        private Task<(string Token, string Html)> LoginPageAsync() => LoginPageAsync(_console);

        private static async Task<(string Token, string Html)> LoginPageAsync(HttpClient client)
        {
            var html = await client.GetStringAsync("login");
            var token = TokenPattern().Match(html).Groups[1].Value;
            Assert.NotEmpty(token);
            return (WebUtility.HtmlDecode(token), html);
        }

        /// <summary>A valid body of the route's body type: property names in snake_case, sensible values.</summary>
        private JsonObject ValidBody(ApiOperation operation)
        {
            var body = new JsonObject();
            if (operation.Body is null) return body;
            foreach (var property in operation.Body.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                var name = JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
                body[name] = name switch
                {
                    "worker" => "demo",
                    "action" => "noop",
                    "data" => new JsonObject(),
                    "username" => operation.Path == "/api/auth/login" ? "admin" : "fuzz-user",
                    "password" => operation.Path == "/api/auth/login" ? "wrong-password" : "fuzz-password-long",
                    "role" => "viewer",
                    "tasks" => new JsonArray(new JsonObject { ["worker"] = "demo", ["action"] = "noop" }),
                    "older_than_days" => 30,
                    _ => null,
                };
                if (body[name] is null) body.Remove(name);
            }
            return body;
        }

        private static JsonObject With(JsonObject valid, string field, JsonNode? value)
        {
            var copy = (JsonObject)valid.DeepClone();
            copy[field] = value;
            return copy;
        }

        private static StringContent Without(JsonObject valid, string field)
        {
            var copy = (JsonObject)valid.DeepClone();
            copy.Remove(field);
            return Json(copy.ToJsonString());
        }

        private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

        private static ByteArrayContent Bytes(byte[] bytes, string? contentType)
        {
            var content = new ByteArrayContent(bytes);
            if (contentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            return content;
        }

        private static FormUrlEncodedContent Form(string? token, params (string Name, string Value)[] fields) =>
            new([.. (token is null ? [] : new[] { new KeyValuePair<string, string>("__RequestVerificationToken", token) }), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);

        private static MultipartFormDataContent Multipart(JsonObject fields)
        {
            var content = new MultipartFormDataContent();
            foreach (var (name, value) in fields) content.Add(new StringContent(value?.ToString() ?? ""), name);
            content.Add(new ByteArrayContent([0, 1, 2, 0xFF]), "file", "x.bin");
            return content;
        }

        private static byte[] RandomBytes(Random random, int count)
        {
            var bytes = new byte[count];
            random.NextBytes(bytes);
            return bytes;
        }

        private static string Describe(JsonNode? value) => value is null ? "null" : Shorten(value.ToJsonString());

        [GeneratedRegex("\\{([a-z]+)(:[a-z]+)?\\}")]
        private static partial Regex ParameterPattern();

        [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
        private static partial Regex TokenPattern();
    }

    private sealed class Timing(Action done) : IDisposable
    {
        public void Dispose() => done();
    }

    private static string Shorten(string text) => text.Length > 120 ? text[..120] + "…" : text;
}
