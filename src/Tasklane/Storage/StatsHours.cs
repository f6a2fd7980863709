namespace Tasklane.Storage;

/// <summary>
/// Which hours of a statistics range the hourly counters can answer, and which must be read from the tasks: an
/// hour is read directly when the range or a time-series bucket starts or ends inside it (every task of a counted
/// hour must fall in the range and in one bucket). With the API's buckets (whole hours, days or weeks from
/// <c>from</c>) and an hour-aligned <c>from</c>, that is only the hour holding <c>to</c>; otherwise about one hour
/// per bucket, which is still far fewer rows than the range.
/// </summary>
internal static class StatsHours
{
    private const long HourMs = 3_600_000;

    /// <summary>The starts (unix ms) of the hours of [<paramref name="fromMs"/>, <paramref name="toMs"/>] to read from the tasks.</summary>
    public static IReadOnlyList<long> Direct(long fromMs, long toMs, long bucketMs)
    {
        var hours = new SortedSet<long> { Floor(toMs) };
        if (fromMs % HourMs != 0) hours.Add(Floor(fromMs));
        if (bucketMs % HourMs != 0 || fromMs % HourMs != 0)
        {
            // Bucket boundaries inside an hour; there are few (the API asks at most ~62 buckets).
            for (var boundary = fromMs + bucketMs; boundary <= toMs; boundary += bucketMs)
            {
                if (boundary % HourMs != 0) hours.Add(Floor(boundary));
            }
        }
        return [.. hours];
    }

    private static long Floor(long ms) => ms - (((ms % HourMs) + HourMs) % HourMs);
}
