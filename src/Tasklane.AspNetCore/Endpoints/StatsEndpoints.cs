using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Tasklane.AspNetCore;

/// <summary><c>GET /api/stats</c>: totals, rates, per-worker rows and a time series over a range of creation times.</summary>
internal static class StatsEndpoints
{
    /// <summary>The widest range one request may ask for.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(366);

    /// <summary>The latest <c>to</c>: the series' buckets (up to a week past <c>to</c>) must stay inside the calendar.</summary>
    public static readonly DateTimeOffset MaxTime = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/api/stats", TaskAccess.Handle(GetAsync)).RequirePermission(Permissions.StatsView)
            .WithTags("Statistics").WithSummary("Counts, rates, durations, per-worker rows and a time series")
            .WithQuery(new ApiQueryParameter("from", "string", "Start (ISO 8601; default: start of today, UTC)"), new("to", "string", "End (ISO 8601; default: now)"));

    private static async Task<Results<ApiOk<StatsDto>, ApiProblem>> GetAsync(HttpContext context)
    {
        var q = new QueryReader(context.Request);
        var from = q.Time("from");
        var to = q.Time("to");
        if (q.Error is not null) return q.Error;
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var end = to ?? now;
        var start = from ?? new DateTimeOffset(end.UtcDateTime.Date, TimeSpan.Zero);
        if (RangeError(start, end) is { } bad) return Problems.BadRequest(bad.Field, bad.Message);
        var stats = await LoadAsync(context.RequestServices.GetRequiredService<ITaskStore>(), start, end, context.User.VisibleTo(), context.RequestAborted);
        return ApiResults.Ok(stats);
    }

    /// <summary>Why [<paramref name="from"/>, <paramref name="to"/>] cannot be a statistics range, or null when it can.</summary>
    public static (string Field, string Message)? RangeError(DateTimeOffset from, DateTimeOffset to)
    {
        if (to >= MaxTime) return ("to", "to must be before 9999-01-01");
        if (from > to) return ("from", "from must not be after to");
        if (to - from > MaxRange) return ("from", "the range must be at most 366 days");
        return null;
    }

    /// <summary>The statistics of tasks created in [<paramref name="from"/>, <paramref name="to"/>], every bucket present.</summary>
    public static async Task<StatsDto> LoadAsync(ITaskStore store, DateTimeOffset from, DateTimeOffset to, long? visibleTo, CancellationToken cancellationToken)
    {
        var bucket = BucketFor(to - from);
        var stats = await store.GetStatsAsync(new StatsParams { From = from, To = to, Bucket = bucket, VisibleTo = visibleTo }, cancellationToken);
        var counts = Enum.GetValues<TaskState>().ToDictionary(s => JsonNamingPolicy.SnakeCaseLower.ConvertName(s.ToString()), s => stats.Counts.GetValueOrDefault(s));
        // Counts take in subtasks (each is a run); how many of them are subtasks is its own figure (docs/subtasks.md).
        var subtasks = Enum.GetValues<TaskState>().ToDictionary(s => JsonNamingPolicy.SnakeCaseLower.ConvertName(s.ToString()), s => stats.SubtaskCounts.GetValueOrDefault(s));
        var completed = stats.Counts.GetValueOrDefault(TaskState.Completed);
        var failed = stats.Counts.GetValueOrDefault(TaskState.Failed);
        var byStart = stats.Buckets.ToDictionary(b => b.Start);
        var series = new List<StatsPointDto>();
        for (var at = from; at <= to; at += bucket)
        {
            var b = byStart.GetValueOrDefault(at);
            series.Add(new StatsPointDto(at, b?.Created ?? 0, b?.Completed ?? 0, b?.Failed ?? 0));
        }
        return new StatsDto(
            from, to, (int)bucket.TotalSeconds, counts, counts.Values.Sum(),
            Rate(completed, completed + failed), Rate(failed, completed + failed), stats.AvgDurationMs,
            [.. stats.Workers.Select(w => new StatsWorkerDto(w.Worker, w.Created, w.Completed, w.Failed, Rate(w.Completed, w.Completed + w.Failed), w.AvgDurationMs, w.LastRunAt))],
            series,
            new StatsSubtasksDto(subtasks, subtasks.Values.Sum()));
    }

    /// <summary>Hourly buckets up to two days, daily up to 62 days, else weekly.</summary>
    public static TimeSpan BucketFor(TimeSpan range) =>
        range <= TimeSpan.FromDays(2) ? TimeSpan.FromHours(1) : range <= TimeSpan.FromDays(62) ? TimeSpan.FromDays(1) : TimeSpan.FromDays(7);

    private static double Rate(long part, long whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);
}
