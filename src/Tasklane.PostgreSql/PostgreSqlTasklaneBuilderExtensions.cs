using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Tasklane.PostgreSql;

/// <summary>Chooses the PostgreSQL store, for one node or many sharing the database.</summary>
public static class PostgreSqlTasklaneBuilderExtensions
{
    /// <summary>
    /// Keeps every task in PostgreSQL, in the tables of <paramref name="schema"/> (created on start), and pushes
    /// wake-ups and cancel requests between nodes with LISTEN/NOTIFY. The key ring that protects worker secrets, the
    /// artifacts and the archived logs live in the database too (<see cref="TasklaneOptions.FilesInDatabase"/>), so
    /// nodes on several hosts need no shared disk; a folder set explicitly (<c>KeysPath</c>, …) wins for its kind.
    /// </summary>
    public static TasklaneBuilder UsePostgreSql(this TasklaneBuilder builder, string connectionString, string schema = "tasklane")
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        PostgreSqlSchema.Validate(schema);
        builder.Services.RemoveAll<ITaskStore>();
        builder.Services.RemoveAll<IAccountStore>();
        builder.Services.RemoveAll<PostgreSqlTaskStore>();
        builder.Services.AddSingleton(sp =>
            new PostgreSqlTaskStore(connectionString, schema, sp.GetService<ILogger<PostgreSqlTaskStore>>(), sp.GetService<TimeProvider>()));
        builder.Services.AddSingleton<ITaskStore>(sp => sp.GetRequiredService<PostgreSqlTaskStore>());
        builder.Services.AddSingleton<IAccountStore>(sp => sp.GetRequiredService<PostgreSqlTaskStore>());
        builder.Services.RemoveAll<ITaskNotifier>();
        builder.Services.AddSingleton<ITaskNotifier>(sp =>
            new PostgreSqlTaskNotifier(connectionString, schema, sp.GetService<ILogger<PostgreSqlTaskNotifier>>(), sp.GetService<TimeProvider>()));
        return builder;
    }
}
