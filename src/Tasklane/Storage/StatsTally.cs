using System.Data.Common;
using System.Globalization;

namespace Tasklane.Storage;

/// <summary>Sums of the statistics rows of one worker, one bucket or the whole range.</summary>
internal sealed class StatsTally
{
    private long _durationCount;
    private decimal _durationSum;

    /// <summary>Tasks of every status.</summary>
    public long Created { get; private set; }

    /// <summary>Completed tasks.</summary>
    public long Completed { get; private set; }

    /// <summary>Failed tasks.</summary>
    public long Failed { get; private set; }

    /// <summary>The latest start of an attempt, or null.</summary>
    public DateTimeOffset? LastStart { get; private set; }

    /// <summary>The average run time (ms) of the completed tasks with both times, or null when there is none.</summary>
    public double? AverageMs => _durationCount == 0 ? null : (double)(_durationSum / _durationCount);

    /// <summary>One statistics row: five status counts from <paramref name="first"/>, then the run count and summed ms.</summary>
    public static StatsTally Read(DbDataReader reader, int first, DateTimeOffset? lastStart)
    {
        var row = new StatsTally { LastStart = lastStart };
        for (var i = 0; i < 5; i++) row.Created += reader.GetInt64(first + i);
        row.Completed = reader.GetInt64(first + 2);
        row.Failed = reader.GetInt64(first + 3);
        row._durationCount = reader.GetInt64(first + 5);
        row._durationSum = Convert.ToDecimal(reader.GetValue(first + 6), CultureInfo.InvariantCulture);
        return row;
    }

    /// <summary>Adds <paramref name="row"/> to these sums.</summary>
    public void Add(StatsTally row)
    {
        ArgumentNullException.ThrowIfNull(row);
        Created += row.Created;
        Completed += row.Completed;
        Failed += row.Failed;
        _durationCount += row._durationCount;
        _durationSum += row._durationSum;
        if (row.LastStart is { } start && (LastStart is null || start > LastStart)) LastStart = start;
    }
}
