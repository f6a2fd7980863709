using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Tasklane.AspNetCore.WebConsole.Pages;

/// <summary>What the statistics page shows.</summary>
/// <param name="Stats">The counts, durations, per-worker rows and series of the range.</param>
/// <param name="Range">The range: today, week, month or custom.</param>
public sealed record StatisticsModel(StatsDto Stats, string Range)
{
    /// <summary>Reads the statistics of the range the address asks for, as the signed-in user may see them.</summary>
    internal static async Task<StatisticsModel> LoadAsync(HttpContext http, ConsoleContext ctx)
    {
        var q = new QueryReader(http.Request);
        var range = http.Request.Query["range"].ToString() is { Length: > 0 } r ? r : "today";
        var customFrom = q.Time("from");
        var customTo = q.Time("to");
        var now = ctx.Now;
        // Today, This week and This month start at the browser's local midnight, which tasklane.js sends as
        // "from"; without it (no JavaScript) they start at midnight UTC.
        var localStart = range is "today" or "week" or "month" && q.Error is null && customFrom is { } s && s <= now && now - s <= StatsEndpoints.MaxRange
            ? s
            : (DateTimeOffset?)null;
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var (from, to) = range switch
        {
            "week" => (localStart ?? today.AddDays(-(((int)today.DayOfWeek + 6) % 7)), now),
            "month" => (localStart ?? new DateTimeOffset(today.Year, today.Month, 1, 0, 0, 0, TimeSpan.Zero), now),
            "custom" when q.Error is null && customFrom is { } f && StatsEndpoints.RangeError(f, customTo ?? now) is null => (f, customTo ?? now),
            _ => (localStart ?? today, now),
        };
        if (range is not ("week" or "month" or "custom")) range = "today";
        var stats = await StatsEndpoints.LoadAsync(http.RequestServices.GetRequiredService<ITaskStore>(), from, to, http.User.VisibleTo(), http.RequestAborted);
        return new StatisticsModel(stats, range);
    }
}
