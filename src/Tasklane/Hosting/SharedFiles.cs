using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Tasklane;

/// <summary>
/// Chooses where this node keeps artifacts and archived logs: in the database when
/// <see cref="TasklaneOptions.FilesInDatabaseFor"/> says so and no folder was set for the kind, else in its folder.
/// </summary>
internal static class SharedFiles
{
    public static IArtifactStore Artifacts(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<TasklaneOptions>>().Value;
        var folder = new FileArtifactStore(options.ResolvedArtifactsPath);
        var store = services.GetRequiredService<ITaskStore>();
        return options.ArtifactsPath is null && options.FilesInDatabaseFor(store)
            ? new DatabaseArtifactStore((IFileStore)store, options.MaxDatabaseArtifactBytes, services.GetRequiredService<TimeProvider>(), folder)
            : folder;
    }

    public static ILogArchive LogArchive(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<TasklaneOptions>>().Value;
        var folder = services.GetRequiredService<TaskLogFiles>();
        var store = services.GetRequiredService<ITaskStore>();
        return options.LogsPath is null && options.FilesInDatabaseFor(store) ? new DatabaseLogArchive((IFileStore)store, folder) : folder;
    }
}
