using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Tasklane.PostgreSql;

/// <summary>Chooses the PostgreSQL store, for one node or many sharing the database.</summary>
public static class PostgreSqlTasklaneBuilderExtensions
{
    /// <summary>
    /// Keeps every task in PostgreSQL, in the tables of <paramref name="schema"/> (created on start), and pushes
    /// wake-ups and cancel requests between nodes with LISTEN/NOTIFY. Artifacts and secret-protection keys are files
    /// in <see cref="TasklaneOptions.DataDirectory"/> (the working folder by default); with several hosts, point it
    /// at a shared folder.
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
            new PostgreSqlTaskStore(connectionString, schema, sp.GetService<ILogger<PostgreSqlTaskStore>>()));
        builder.Services.AddSingleton<ITaskStore>(sp => sp.GetRequiredService<PostgreSqlTaskStore>());
        builder.Services.AddSingleton<IAccountStore>(sp => sp.GetRequiredService<PostgreSqlTaskStore>());
        builder.Services.RemoveAll<ITaskNotifier>();
        builder.Services.AddSingleton<ITaskNotifier>(sp =>
            new PostgreSqlTaskNotifier(connectionString, schema, sp.GetService<ILogger<PostgreSqlTaskNotifier>>()));
        return builder;
    }
}
