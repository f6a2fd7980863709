namespace Tasklane;

/// <summary>Marks a <see cref="TaskWorker"/> class as a worker: a task type with actions.</summary>
/// <param name="identifier">The worker identifier used in tasks and routes, e.g. <c>product</c>.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class WorkerAttribute(string identifier) : Attribute
{
    /// <summary>The worker identifier.</summary>
    public string Identifier { get; } = identifier;
    /// <summary>A human title; defaults to the identifier.</summary>
    public string? Title { get; set; }
    /// <summary>The module or package the worker belongs to.</summary>
    public string? Scope { get; set; }
    /// <summary>What the worker does.</summary>
    public string? Description { get; set; }
    /// <summary>An icon name for the console.</summary>
    public string? Icon { get; set; }
    /// <summary>The default queue of its tasks.</summary>
    public string Queue { get; set; } = "default";
    /// <summary>The default attempt budget of its tasks.</summary>
    public int MaxAttempts { get; set; } = 3;
    /// <summary>The type of its settings (a record; members marked <see cref="SecretAttribute"/> are encrypted at rest).</summary>
    public Type? Settings { get; set; }
}
