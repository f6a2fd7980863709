namespace Tasklane.Examples;

/// <summary>What the provision action of the subtasks example reads from its task's data.</summary>
public sealed record ProvisionArgs(string VmId, string Template, string Owner);
