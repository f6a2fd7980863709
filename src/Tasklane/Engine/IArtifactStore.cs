namespace Tasklane;

/// <summary>Keeps tasks' result files.</summary>
public interface IArtifactStore
{
    /// <summary>Saves a file for a task and returns its reference.</summary>
    Task<TaskArtifact> SaveAsync(long taskId, string name, Stream content, CancellationToken cancellationToken);

    /// <summary>Opens a saved file, or null when it is gone or the key is not one this store made.</summary>
    Task<Stream?> OpenReadAsync(string fileKey, CancellationToken cancellationToken);

    /// <summary>Deletes files by key (retention); unknown keys are ignored.</summary>
    Task DeleteAsync(IReadOnlyList<string> fileKeys, CancellationToken cancellationToken);
}
