using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Tasklane.AspNetCore;

/// <summary>
/// The body of <c>PUT /api/queues/:name</c>, read from the JSON object itself: a field left out keeps its value, while
/// <c>null</c> clears a limit, which a typed body could not tell apart.
/// </summary>
internal static class QueueUpdateRequest
{
    private static readonly string[] Fields = ["paused", "global_concurrency", "rate_per_second"];

    /// <summary>The change the body asks for, or the 400 that names the field that is wrong.</summary>
    public static (UpdateQueueParams? Change, ApiProblem? Error) Parse(string name, JsonObject body, DateTimeOffset now)
    {
        foreach (var (field, _) in body)
        {
            if (!Fields.Contains(field, StringComparer.Ordinal)) return (null, Problems.BadRequest(field, $"Unknown field '{field}'; a queue takes {string.Join(", ", Fields)}."));
        }
        bool? paused = null;
        if (body.TryGetPropertyValue("paused", out var pausedNode))
        {
            if (pausedNode is not JsonValue p || p.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                return (null, Problems.BadRequest("paused", "paused must be true or false"));
            paused = p.GetValue<bool>();
        }
        var change = new UpdateQueueParams { Name = name, Paused = paused, Now = now };
        if (body.TryGetPropertyValue("global_concurrency", out var globalNode))
        {
            int? global = null;
            if (globalNode is not null)
            {
                if (globalNode is not JsonValue g || g.GetValueKind() != JsonValueKind.Number || !g.TryGetValue<int>(out var value))
                    return (null, Problems.BadRequest("global_concurrency", "global_concurrency must be an integer of 1 or more, or null"));
                global = value;
            }
            change = change with { SetGlobalConcurrency = true, GlobalConcurrency = global };
        }
        if (body.TryGetPropertyValue("rate_per_second", out var rateNode))
        {
            double? rate = null;
            if (rateNode is not null)
            {
                if (rateNode is not JsonValue r || r.GetValueKind() != JsonValueKind.Number || !r.TryGetValue<double>(out var value))
                    return (null, Problems.BadRequest("rate_per_second", "rate_per_second must be a number above 0, or null"));
                rate = value;
            }
            change = change with { SetRatePerSecond = true, RatePerSecond = rate };
        }
        if (change.Validate() is { } invalid) return (null, Problems.BadRequest(invalid.Field, invalid.Reason));
        return (change, null);
    }
}
