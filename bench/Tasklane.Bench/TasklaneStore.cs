using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Tasklane.PostgreSql;
using Tasklane.Sqlite;

namespace Tasklane.Bench;

/// <summary>
/// One fresh Tasklane store of a child process (a SQLite file in the child's folder, or a new PostgreSQL schema dropped at the end),
/// and hosts on it with <c>serve</c>'s defaults and the bench's no-op worker.
/// </summary>
internal sealed class TasklaneStore : IAsyncDisposable
{
    private readonly ChildArgs child;
    private readonly string folder;

    public TasklaneStore(ChildArgs child)
    {
        this.child = child;
        folder = Directory.CreateDirectory(Path.Combine(child.Dir, "tasklane-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        Schema = child.Schema ?? "bench_" + Guid.NewGuid().ToString("N")[..12];
    }

    public bool OnPostgres => BenchSystems.OnPostgres(child.System);

    public string Schema { get; }

    public string SqlitePath => Path.Combine(folder, "tasklane.db");

    /// <summary>A started host: the engine runs when <paramref name="runEngine"/>, else only the client (migrations still run).</summary>
    public async Task<IHost> StartHostAsync(bool runEngine, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder([]);
        builder.Logging.ClearProviders();
        builder.Services.AddTasklane(b =>
        {
            if (OnPostgres) b.UsePostgreSql(child.RequirePostgres(), Schema);
            else b.UseSqlite(SqlitePath);
            b.AddWorker<BenchWorker>();
        }).Configure(o =>
        {
            o.DataDirectory = folder;
            o.RunEngine = runEngine;
        });
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }

    /// <summary>How many tasks are completed, read straight from the tasks table (so it does not depend on the store's reader API).</summary>
    public async Task<long> CountCompletedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM tasks WHERE status = 'completed'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = OnPostgres
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(child.RequirePostgres()) { SearchPath = Schema }.ConnectionString)
            : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = SqlitePath, Mode = SqliteOpenMode.ReadOnly }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (OnPostgres && child.Schema is null)
        {
            await using var connection = new NpgsqlConnection(child.RequirePostgres());
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { /* a file still held open: the temp folder is cleaned by the parent */ }
    }
}
