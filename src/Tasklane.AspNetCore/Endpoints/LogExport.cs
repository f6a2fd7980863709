using System.Globalization;
using System.Net;
using System.Text;

namespace Tasklane.AspNetCore;

/// <summary>
/// A task's log as a self-contained HTML page (every user string encoded) or as pipe-separated text, written a
/// page of lines at a time (<see cref="LogExportResult"/> streams the pages, so no export holds the whole log).
/// </summary>
internal static class LogExport
{
    /// <summary>One line per entry, <c>at|status|progress|processed|total|eta|message</c>, and nothing else (no header line).</summary>
    public static void Text(StringBuilder text, IEnumerable<TaskLogLine> lines)
    {
        foreach (var l in lines)
        {
            text.Append(Time(l.At)).Append('|')
                .Append(Status(l.Status)).Append('|')
                .Append(l.Progress.ToString(CultureInfo.InvariantCulture)).Append('|')
                .Append(l.Processed?.ToString(CultureInfo.InvariantCulture)).Append('|')
                .Append(l.Total?.ToString(CultureInfo.InvariantCulture)).Append('|')
                .Append(l.EtaSeconds?.ToString(CultureInfo.InvariantCulture)).Append('|')
                .Append(Escape(l.Message)).Append('\n');
        }
    }

    /// <summary>The HTML page up to the first row: title, the task's summary and the table head.</summary>
    public static void HtmlStart(StringBuilder html, TaskRow task)
    {
        var title = E($"Task {task.Id}: {task.Worker}.{task.Action}");
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(title).Append("</title>\n")
            .Append("<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse;width:100%}")
            .Append("th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}")
            .Append("td.m{white-space:pre-wrap;font-family:monospace}.error{color:#b00}.warning{color:#a60}</style></head><body>\n")
            .Append("<h1>").Append(title).Append("</h1>\n<p>Status: ").Append(E(Status(task.Status)))
            .Append(" · Queue: ").Append(E(task.Queue))
            .Append(" · Created by: ").Append(E(task.CreatedByName ?? "system"))
            .Append(" · Created at: ").Append(E(Time(task.CreatedAt))).Append("</p>\n");
        if (task.Error is not null) html.Append("<p class=\"error\">Error: ").Append(E(task.Error)).Append("</p>\n");
        html.Append("<table><thead><tr><th>At (UTC)</th><th>Level</th><th>Status</th><th>Progress</th><th>Processed</th><th>Total</th><th>ETA (s)</th><th>Message</th></tr></thead><tbody>\n");
    }

    /// <summary>One table row per entry.</summary>
    public static void HtmlRows(StringBuilder html, IEnumerable<TaskLogLine> lines)
    {
        foreach (var l in lines)
        {
            html.Append("<tr class=\"").Append(E(l.Level)).Append("\"><td>").Append(E(Time(l.At)))
                .Append("</td><td>").Append(E(l.Level))
                .Append("</td><td>").Append(E(Status(l.Status)))
                .Append("</td><td>").Append(E(l.Progress.ToString(CultureInfo.InvariantCulture)))
                .Append("</td><td>").Append(E(l.Processed?.ToString(CultureInfo.InvariantCulture)))
                .Append("</td><td>").Append(E(l.Total?.ToString(CultureInfo.InvariantCulture)))
                .Append("</td><td>").Append(E(l.EtaSeconds?.ToString(CultureInfo.InvariantCulture)))
                .Append("</td><td class=\"m\">").Append(E(l.Message)).Append("</td></tr>\n");
        }
    }

    /// <summary>The end of the HTML page.</summary>
    public static void HtmlEnd(StringBuilder html) => html.Append("</tbody></table>\n</body></html>\n");

    private static string E(string? s) => WebUtility.HtmlEncode(s ?? "");

    private static string Status(TaskState status) => status.ToString().ToLowerInvariant();

    private static string Time(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Escape(string message) =>
        message.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\r", "\\r", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);
}
