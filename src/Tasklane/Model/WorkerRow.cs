namespace Tasklane;

/// <summary>A worker as the store's registry holds it.</summary>
public sealed record WorkerRow
{
    /// <summary>The identifier.</summary>
    public required string Identifier { get; init; }
    /// <summary>The title.</summary>
    public required string Title { get; init; }
    /// <summary>The module or package.</summary>
    public string? Scope { get; init; }
    /// <summary>What it does.</summary>
    public string? Description { get; init; }
    /// <summary>The console icon.</summary>
    public string? Icon { get; init; }
    /// <summary>Its action names.</summary>
    public IReadOnlyList<string> Actions { get; init; } = [];
    /// <summary>An inactive worker takes no new tasks.</summary>
    public bool Active { get; init; } = true;
    /// <summary>The settings as stored: JSON whose secret fields are encrypted; null when never saved.</summary>
    public string? Settings { get; init; }
    /// <summary>Tasks of this worker in the store (not deleted).</summary>
    public long TaskCount { get; init; }
    /// <summary>When first registered.</summary>
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>When last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
