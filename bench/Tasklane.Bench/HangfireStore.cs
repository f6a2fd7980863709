using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Npgsql;

namespace Tasklane.Bench;

/// <summary>
/// The Hangfire storage of a child process, each configured as its documentation recommends (see bench/README.md):
/// Hangfire.InMemory with its defaults; Hangfire.PostgreSql on a new schema (dropped at the end) with a short queue poll
/// interval and long polling off.
/// </summary>
internal sealed class HangfireStore : IDisposable
{
    private readonly string? postgres;

    public HangfireStore(ChildArgs child)
    {
        // The serializer settings Hangfire 1.8's documentation asks new projects to use.
        GlobalConfiguration.Configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings();
        if (BenchSystems.OnPostgres(child.System))
        {
            postgres = child.RequirePostgres();
            Schema = child.Schema ?? "hangfire_" + Guid.NewGuid().ToString("N")[..12];
            OwnsSchema = child.Schema is null;
            var options = new PostgreSqlStorageOptions
            {
                SchemaName = Schema,
                PrepareSchemaIfNecessary = true,
                // The default is 15 s: a worker with nothing to do sleeps that long. Small, so pickup is not bounded by it.
                QueuePollInterval = TimeSpan.FromMilliseconds(50),
                // Off: with long polling on (LISTEN/NOTIFY wake-ups), a job was lost and a run hung on this machine (bench/README.md).
                EnableLongPolling = false,
            };
            Storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(postgres, options), options);
        }
        else
        {
            Storage = new InMemoryStorage(new InMemoryStorageOptions());
        }
    }

    public JobStorage Storage { get; }

    public string? Schema { get; }

    private bool OwnsSchema { get; }

    /// <summary>A server with <paramref name="workers"/> workers (the concurrency), on the default queue.</summary>
    public BackgroundJobServer StartServer(int workers) => new(new BackgroundJobServerOptions { WorkerCount = workers }, Storage);

    public void Dispose()
    {
        (Storage as IDisposable)?.Dispose();
        if (postgres is null || !OwnsSchema) return;
        using var connection = new NpgsqlConnection(postgres);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE", connection);
        drop.ExecuteNonQuery();
    }
}
