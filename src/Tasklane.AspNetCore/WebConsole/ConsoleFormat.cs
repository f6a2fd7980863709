using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tasklane.AspNetCore.WebConsole;

/// <summary>Formatting helpers for the console's pages.</summary>
internal static class ConsoleFormat
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Status(TaskState state) => JsonNamingPolicy.SnakeCaseLower.ConvertName(state.ToString());

    public static string Iso(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) ?? "";

    public static string Exact(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "";

    /// <summary>"2/3" in a task's first round; after a manual retry "4 (1 of 2 this round)" (see AttemptText.razor).</summary>
    public static string Attempt(ConsoleContext ctx, int attempt, int attemptBase, int max) =>
        attemptBase == 0
            ? attempt.ToString(CultureInfo.InvariantCulture) + "/" + max.ToString(CultureInfo.InvariantCulture)
            : ctx.T("task.attempt_round", attempt, attempt - attemptBase, max);

    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    public static string Percent(double rate) => (rate * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    public static string Duration(double? ms)
    {
        if (ms is not { } v) return "—";
        if (v < 1000) return v.ToString("0", CultureInfo.InvariantCulture) + " ms";
        var t = TimeSpan.FromMilliseconds(v);
        if (t.TotalMinutes < 1) return t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";
        if (t.TotalHours < 1) return $"{(int)t.TotalMinutes} min {t.Seconds} s";
        return $"{(int)t.TotalHours} h {t.Minutes} min";
    }

    public static string Eta(double? seconds) => seconds is { } s ? Duration(s * 1000) : "—";

    public static string Json(string json)
    {
        try { return JsonNode.Parse(json)?.ToJsonString(Pretty) ?? json; }
        catch (JsonException) { return json; }
    }

    public static string Json(JsonNode? node) => node?.ToJsonString(Pretty) ?? "{}";
}
