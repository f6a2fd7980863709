namespace Tasklane.Bench;

/// <summary>Nearest-rank percentiles and medians.</summary>
internal static class Percentiles
{
    /// <summary>The <paramref name="percent"/>th percentile of the samples (nearest rank), rounded to 0.01; null when empty.</summary>
    public static double? Of(IReadOnlyList<double> samples, int percent)
    {
        if (samples.Count == 0) return null;
        var sorted = samples.Order().ToArray();
        var rank = Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1);
        return Math.Round(sorted[rank], 2);
    }

    /// <summary>The median of the values that are present; null when none is.</summary>
    public static double? Median(IEnumerable<double?> values)
    {
        var present = values.Where(v => v.HasValue).Select(v => v!.Value).Order().ToArray();
        if (present.Length == 0) return null;
        return present.Length % 2 == 1 ? present[present.Length / 2] : (present[present.Length / 2 - 1] + present[present.Length / 2]) / 2;
    }
}
