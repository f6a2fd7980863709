using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tasklane.Cli.Commands;

/// <summary>Options and arguments several commands share, and the checks of their values.</summary>
internal static class CommonOptions
{
    /// <summary><c>--json</c>: the server's JSON answer instead of a table.</summary>
    public static readonly Option<bool> Json = new("--json") { Description = "Print the server's JSON answer instead of a table" };

    public static Argument<long> TaskId() => new("id") { Description = "The task id" };

    /// <summary>JSON from an option's text: inline, <c>@file</c>, or <c>@-</c> for standard input; broken JSON is a usage error.</summary>
    public static JsonNode? ParseJson(string option, string text)
    {
        var source = text;
        if (text.StartsWith('@'))
        {
            var path = text[1..];
            try
            {
                source = path == "-" ? Console.In.ReadToEnd() : File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"{option} {text}: {ex.Message}", ExitCodes.Usage);
            }
        }
        try
        {
            return JsonNode.Parse(source);
        }
        catch (JsonException ex)
        {
            throw new CliException($"{option} is not JSON: {ex.Message}", ExitCodes.Usage);
        }
    }

    /// <summary>
    /// A time option as ISO 8601 UTC: an absolute time, or a span such as <c>30s</c>, <c>10m</c>, <c>2h</c>, <c>1d</c>
    /// from now (<paramref name="past"/>: before now, for filters such as <c>--from 1h</c>).
    /// </summary>
    public static string? ParseTime(string option, string? text, bool past = false)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var unit = text[^1];
        if (unit is 's' or 'm' or 'h' or 'd' && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
        {
            var delay = unit switch { 's' => TimeSpan.FromSeconds(amount), 'm' => TimeSpan.FromMinutes(amount), 'h' => TimeSpan.FromHours(amount), _ => TimeSpan.FromDays(amount) };
            return Iso(past ? DateTimeOffset.UtcNow - delay : DateTimeOffset.UtcNow + delay);
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return Iso(at);
        throw new CliException($"{option} {text} is neither a time (2026-12-24T18:00:00Z) nor a delay (30s, 10m, 2h, 1d)", ExitCodes.Usage);
    }

    private static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
