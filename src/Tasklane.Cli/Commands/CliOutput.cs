using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Humanizer;
using Spectre.Console;

namespace Tasklane.Cli.Commands;

/// <summary>
/// Where the commands write: tables and markup for people on standard output, the server's JSON for <c>--json</c>,
/// and one line per error on standard error. Colour and live displays only on a terminal, and never when
/// <c>NO_COLOR</c> is set (no-color.org).
/// </summary>
internal static class CliOutput
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly Lazy<IAnsiConsole> Console = new(() => CreateConsole(System.Console.Out, System.Console.IsOutputRedirected));
    private static readonly Lazy<IAnsiConsole> ErrorConsole = new(() => CreateConsole(System.Console.Error, System.Console.IsErrorRedirected));

    /// <summary>The console for people: colour only on a terminal without NO_COLOR.</summary>
    public static IAnsiConsole Out => Console.Value;

    /// <summary>True when standard output is a terminal that can redraw a live display.</summary>
    public static bool Interactive => !System.Console.IsOutputRedirected && Out.Profile.Capabilities.Interactive
        && Out.Profile.Capabilities.Ansi;

    private static bool NoColor => Environment.GetEnvironmentVariable("NO_COLOR") is { Length: > 0 };

    /// <summary>One error line on standard error: <c>error: …</c>.</summary>
    public static void Error(string message) => ErrorConsole.Value.MarkupLine($"[red]error:[/] {Markup.Escape(OneLine(message))}");

    /// <summary>A note for people on standard error (keeps standard output for the result).</summary>
    public static void Note(string message) => ErrorConsole.Value.MarkupLine($"[grey]{Markup.Escape(OneLine(message))}[/]");

    /// <summary>The server's JSON as it answered, indented.</summary>
    public static void Json(JsonNode? node) => System.Console.Out.WriteLine(node?.ToJsonString(Indented) ?? "null");

    /// <summary>A table with these columns, bordered on a terminal and plain when piped.</summary>
    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(System.Console.IsOutputRedirected ? TableBorder.None : TableBorder.Rounded);
        foreach (var column in columns) table.AddColumn(new TableColumn($"[bold]{Markup.Escape(column)}[/]"));
        return table;
    }

    /// <summary>A field as escaped markup text for a table cell: numbers invariant, null as empty.</summary>
    public static string Cell(JsonNode? node, string field) => Markup.Escape(Text(node?[field]));

    /// <summary>A JSON value as plain text.</summary>
    public static string Text(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.TryGetValue<double>(out var d) => d.ToString(CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "yes" : "no",
        JsonValue v => v.ToString(),
        _ => value.ToJsonString(),
    };

    /// <summary>A task status in its colour (green completed, red failed, …).</summary>
    public static string Status(JsonNode? status)
    {
        var text = Markup.Escape(Text(status));
        return Text(status) switch
        {
            "completed" => $"[green]{text}[/]",
            "failed" => $"[red]{text}[/]",
            "running" => $"[blue]{text}[/]",
            "pending" => $"[yellow]{text}[/]",
            "cancelled" => $"[grey]{text}[/]",
            _ => text,
        };
    }

    /// <summary>A time field as people say it: "3 minutes ago", "in 2 hours"; empty when null.</summary>
    public static string When(JsonNode? node, string field) =>
        Time(node?[field]) is { } at ? Markup.Escape(at.Humanize(DateTimeOffset.UtcNow, CultureInfo.InvariantCulture)) : "";

    /// <summary>A time field with its relative form: "2026-12-01 23:40:12Z (3 minutes ago)".</summary>
    public static string WhenExactly(JsonNode? node, string field) =>
        Time(node?[field]) is { } at
            ? Markup.Escape($"{at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)} ({at.Humanize(DateTimeOffset.UtcNow, CultureInfo.InvariantCulture)})")
            : "";

    /// <summary>A duration in seconds as people say it: "2 minutes", "5 seconds".</summary>
    public static string Seconds(double? seconds) =>
        seconds is { } s && s >= 0 ? TimeSpan.FromSeconds(Math.Round(s)).Humanize(2, CultureInfo.InvariantCulture, minUnit: TimeUnit.Second) : "";

    private static DateTimeOffset? Time(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    private static string OneLine(string message) => string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    private static IAnsiConsole CreateConsole(TextWriter writer, bool redirected)
    {
        // NO_COLOR takes the colours away, not the terminal's redrawing (the live progress bar stays).
        var plain = redirected || Environment.GetEnvironmentVariable("TERM") == "dumb";
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain || NoColor ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
            Out = new AnsiConsoleOutput(writer),
        });
        if (redirected)
        {
            // Piped: no terminal width to fit, so lines are not wrapped at 80 columns (COLUMNS still wins).
            console.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var columns) && columns > 0
                ? columns : 240;
        }
        return console;
    }
}
