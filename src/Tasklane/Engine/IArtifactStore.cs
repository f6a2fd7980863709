namespace Tasklane;

/// <summary>Keeps tasks' result files.</summary>
public interface IArtifactStore
{
    /// <summary>Saves a file for a task and returns its reference.</summary>
    Task<TaskArtifact> SaveAsync(long taskId, string name, Stream content, CancellationToken cancellationToken);

    /// <summary>Opens a saved file, or null when it is gone or the key is not one this store made.</summary>
    Stream? OpenRead(string fileKey);

    /// <summary>Deletes files by key (retention); unknown keys are ignored.</summary>
    void Delete(IEnumerable<string> fileKeys);
}
