namespace Tasklane;

/// <summary>Claim order within due tasks: high first, then normal, then low.</summary>
public enum TaskPriority
{
    /// <summary>Claimed before everything else.</summary>
    High = 0,
    /// <summary>The default.</summary>
    Normal = 1,
    /// <summary>Claimed when nothing more urgent is due.</summary>
    Low = 2,
}
