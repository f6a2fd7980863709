namespace Tasklane.AspNetCore;

/// <summary>A task's result file.</summary>
internal sealed record ArtifactDto(string FileKey, string Name, long Size);
