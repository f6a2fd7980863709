namespace Tasklane;

/// <summary>
/// Changes the configuration of one queue (created with the defaults when it has none yet). A member left unset keeps
/// its value: <see cref="Paused"/> null, or a <c>Set…</c> flag false.
/// </summary>
public sealed record UpdateQueueParams
{
    /// <summary>The queue name.</summary>
    public required string Name { get; init; }
    /// <summary>The new paused state, or null to keep it.</summary>
    public bool? Paused { get; init; }
    /// <summary>True to set <see cref="GlobalConcurrency"/> (null clears the cap).</summary>
    public bool SetGlobalConcurrency { get; init; }
    /// <summary>The new global concurrency (1 or more), or null for none.</summary>
    public int? GlobalConcurrency { get; init; }
    /// <summary>True to set <see cref="RatePerSecond"/> (null clears the cap).</summary>
    public bool SetRatePerSecond { get; init; }
    /// <summary>The new rate per second (above 0), or null for none.</summary>
    public double? RatePerSecond { get; init; }
    /// <summary>The time of the change.</summary>
    public DateTimeOffset Now { get; init; }

    /// <summary>Why the change is refused (field, reason), or null when it is valid.</summary>
    public (string Field, string Reason)? Validate()
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(Name ?? "", "^[a-z0-9_.:-]{1,64}$"))
            return ("name", "a queue name is 1–64 characters of a-z, 0-9, '-', '_', '.' or ':'");
        if (SetGlobalConcurrency && GlobalConcurrency is < 1 or > 1_000_000)
            return ("global_concurrency", "global_concurrency must be an integer from 1 to 1000000, or null");
        if (SetRatePerSecond && RatePerSecond is { } rate && (!double.IsFinite(rate) || rate <= 0 || rate > 1_000_000))
            return ("rate_per_second", "rate_per_second must be a number above 0 and at most 1000000, or null");
        return null;
    }
}

/// <summary>The result of <see cref="ITaskStore.UpdateQueueAsync"/>: the configuration before (null when the queue had none) and after.</summary>
/// <param name="Old">Before the change; null when the queue was not configured.</param>
/// <param name="New">After the change.</param>
public sealed record QueueConfigChange(QueueConfig? Old, QueueConfig New);
