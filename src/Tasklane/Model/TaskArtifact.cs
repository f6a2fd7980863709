namespace Tasklane;

/// <summary>A result file attached to a task.</summary>
/// <param name="FileKey">The key under which the artifact store keeps the file.</param>
/// <param name="Name">The file name offered on download.</param>
/// <param name="Size">The size in bytes.</param>
public sealed record TaskArtifact(string FileKey, string Name, long Size);
