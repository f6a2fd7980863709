using System.CommandLine;
using Spectre.Console;

namespace Tasklane.Cli.Commands;

/// <summary><c>tasklane audit</c>: who did what (<c>GET /api/audit</c>, <c>audit:view</c>), newest first.</summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var actor = new Option<string?>("--actor") { Description = "Only entries of this user" };
        var action = new Option<string?>("--action") { Description = "Only this action, e.g. task.cancel" };
        var targetType = new Option<string?>("--target-type") { Description = "Only entries about this kind of object, e.g. task" };
        var targetId = new Option<string?>("--target-id") { Description = "Only entries about this object" };
        var from = new Option<string?>("--from") { Description = "At or after: a time, or a span back from now (1h, 7d)" };
        var to = new Option<string?>("--to") { Description = "Before: a time, or a span back from now" };
        var page = new Option<int>("--page") { Description = "The page, from 1", DefaultValueFactory = _ => 1 };
        var size = new Option<int>("--page-size") { Description = "How many per page (at most 200)", DefaultValueFactory = _ => 20 };
        var command = new Command("audit", "Who did what, when and from where") { actor, action, targetType, targetId, from, to, page, size, CommonOptions.Json };
        command.SetAction((parse, cancellationToken) => ClientOptions.RunAsync(async () =>
        {
            var query = new QueryString("api/audit")
                .Add("current", parse.GetValue(page)).Add("page_size", parse.GetValue(size))
                .Add("actor", parse.GetValue(actor)).Add("action", parse.GetValue(action))
                .Add("target_type", parse.GetValue(targetType)).Add("target_id", parse.GetValue(targetId))
                .Add("from", CommonOptions.ParseTime("--from", parse.GetValue(from), past: true))
                .Add("to", CommonOptions.ParseTime("--to", parse.GetValue(to), past: true));
            using var client = ClientOptions.Client(parse);
            var answer = await client.GetAsync(query.ToString(), cancellationToken);
            if (parse.GetValue(CommonOptions.Json))
            {
                CliOutput.Json(answer);
                return;
            }
            var table = CliOutput.Table("at", "actor", "ip", "action", "target", "details");
            foreach (var entry in answer["items"]?.AsArray() ?? [])
            {
                var target = $"{CliOutput.Text(entry?["target_type"])} {CliOutput.Text(entry?["target_id"])}".Trim();
                table.AddRow(CliOutput.When(entry, "at"), CliOutput.Cell(entry?["actor"], "username"), CliOutput.Cell(entry, "ip"),
                    CliOutput.Cell(entry, "action"), Markup.Escape(target), Markup.Escape(entry?["details"]?.ToJsonString() ?? ""));
            }
            CliOutput.Out.Write(table);
            CliOutput.Out.WriteLine($"{CliOutput.Text(answer["total"])} entr(ies)");
        }));
        return command;
    }
}
