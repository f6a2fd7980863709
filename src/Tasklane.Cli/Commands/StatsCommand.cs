using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Tasklane.Cli.Commands;

/// <summary><c>tasklane stats</c>: counts by status, rates, durations and one row per worker over a time range.</summary>
internal static class StatsCommand
{
    public static Command Create()
    {
        var from = new Option<string?>("--from") { Description = "From this time, or a span back from now (24h, 7d); else the start of today (UTC)" };
        var to = new Option<string?>("--to") { Description = "Until this time, or a span back from now; else now" };
        var command = new Command("stats", "Task counts, success rate and durations, per worker too") { from, to, CommonOptions.Json };
        command.SetAction((parse, cancellationToken) => ClientOptions.RunAsync(async () =>
        {
            var query = new QueryString("api/stats")
                .Add("from", CommonOptions.ParseTime("--from", parse.GetValue(from), past: true))
                .Add("to", CommonOptions.ParseTime("--to", parse.GetValue(to), past: true));
            using var client = ClientOptions.Client(parse);
            var stats = await client.GetAsync(query.ToString(), cancellationToken);
            if (parse.GetValue(CommonOptions.Json))
            {
                CliOutput.Json(stats);
                return;
            }
            CliOutput.Out.MarkupLine($"[bold]{CliOutput.WhenExactly(stats, "from")}[/] to [bold]{CliOutput.WhenExactly(stats, "to")}[/]");
            var counts = stats["counts"] as JsonObject ?? [];
            CliOutput.Out.MarkupLine(Markup.Escape(string.Join("  ", counts.Select(c => $"{c.Key} {CliOutput.Text(c.Value)}")))
                + $"  [bold]total {CliOutput.Cell(stats, "total")}[/]");
            CliOutput.Out.MarkupLine($"success {Rate(stats["success_rate"])}  failure {Rate(stats["failure_rate"])}  average {Duration(stats["avg_duration_ms"])}");
            var table = CliOutput.Table("worker", "created", "completed", "failed", "success", "average", "last run");
            foreach (var row in stats["workers"]?.AsArray() ?? [])
            {
                table.AddRow(CliOutput.Cell(row, "worker"), CliOutput.Cell(row, "created"), CliOutput.Cell(row, "completed"), CliOutput.Cell(row, "failed"),
                    Rate(row?["success_rate"]), Duration(row?["avg_duration_ms"]), CliOutput.When(row, "last_run_at"));
            }
            CliOutput.Out.Write(table);
        }));
        return command;
    }

    /// <summary>A rate (the server's fraction, 0–1) as "97.5 %".</summary>
    private static string Rate(JsonNode? rate) =>
        (double?)rate is { } r ? string.Create(CultureInfo.InvariantCulture, $"{r * 100:0.#} %") : "";

    private static string Duration(JsonNode? milliseconds) =>
        (double?)milliseconds is { } ms ? (ms < 1000 ? string.Create(CultureInfo.InvariantCulture, $"{ms:0} ms") : CliOutput.Seconds(ms / 1000)) : "";
}
