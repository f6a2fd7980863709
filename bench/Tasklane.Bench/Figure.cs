using System.Text.Json.Serialization;

namespace Tasklane.Bench;

/// <summary>
/// One measured figure: one line of the results file. Fields that mean nothing for a scenario are null;
/// a scenario that failed (timeout, lost task, HTTP error) keeps its name, has null figures and says why in <see cref="Error"/>.
/// </summary>
internal sealed record Figure(
    [property: JsonPropertyName("system")] string System,
    [property: JsonPropertyName("scenario")] string Scenario,
    [property: JsonPropertyName("tasks")] long? Tasks,
    [property: JsonPropertyName("per_sec")] double? PerSec,
    [property: JsonPropertyName("p50_ms")] double? P50Ms,
    [property: JsonPropertyName("p99_ms")] double? P99Ms,
    [property: JsonPropertyName("peak_rss_mb")] double? PeakRssMb)
{
    /// <summary>Why the scenario has no figure; only on failure lines.</summary>
    [JsonPropertyName("error")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }

    /// <summary>CPU used, in percent of one core (the idle figure); null for other scenarios.</summary>
    [JsonPropertyName("cpu_pct")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? CpuPercent { get; init; }

    /// <summary>A throughput figure: <paramref name="tasks"/> done in <paramref name="elapsed"/>.</summary>
    public static Figure Rate(string system, string scenario, long tasks, TimeSpan elapsed) =>
        new(system, scenario, tasks, Math.Round(tasks / elapsed.TotalSeconds, 1), null, null, null);

    /// <summary>A latency figure over the given samples (milliseconds).</summary>
    public static Figure Latency(string system, string scenario, IReadOnlyList<double> samples) =>
        new(system, scenario, samples.Count, null, Percentiles.Of(samples, 50), Percentiles.Of(samples, 99), null);

    /// <summary>A scenario that could not be measured.</summary>
    public static Figure Failed(string system, string scenario, string error) =>
        new(system, scenario, null, null, null, null, null) { Error = error };
}
