using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Tasklane.Sqlite;

/// <summary>Chooses the SQLite store.</summary>
public static class SqliteTasklaneBuilderExtensions
{
    /// <summary>
    /// Keeps every task in one SQLite file (WAL mode). Artifacts and keys go beside the file
    /// (<see cref="TasklaneOptions.DataDirectory"/>) unless set otherwise.
    /// </summary>
    public static TasklaneBuilder UseSqlite(this TasklaneBuilder builder, string databasePath)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var fullPath = Path.GetFullPath(databasePath);
        builder.Services.RemoveAll<ITaskStore>();
        builder.Services.RemoveAll<IAccountStore>();
        builder.Services.RemoveAll<SqliteTaskStore>();
        builder.Services.AddSingleton(sp => new SqliteTaskStore(fullPath, sp.GetService<ILogger<SqliteTaskStore>>(), sp.GetService<TimeProvider>()));
        builder.Services.AddSingleton<ITaskStore>(sp => sp.GetRequiredService<SqliteTaskStore>());
        builder.Services.AddSingleton<IAccountStore>(sp => sp.GetRequiredService<SqliteTaskStore>());
        builder.Services.PostConfigure<TasklaneOptions>(o => o.DataDirectory ??= Path.GetDirectoryName(fullPath));
        return builder;
    }
}
