using Npgsql;
using Tasklane.PostgreSql;

namespace Tasklane.Tests.Support;

/// <summary>
/// Stores of one test on the server named by <c>TASKLANE_TEST_POSTGRES</c> (scripts/test.sh starts one), each on a
/// fresh random schema that is dropped at the end. Without the variable every PostgreSQL test fails, saying why.
/// </summary>
public sealed class PostgreSqlTestDatabases : IAsyncDisposable
{
    public const string Variable = "TASKLANE_TEST_POSTGRES";

    private readonly List<PostgreSqlTaskStore> _stores = [];
    private readonly List<PostgreSqlTaskNotifier> _notifiers = [];
    private readonly HashSet<string> _schemas = [];

    /// <summary>The server's connection string; fails the test when it is not configured.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"The PostgreSQL tests need a server: set {Variable} to an Npgsql connection string " +
                "(scripts/test.sh starts a throwaway server and sets it).");

    /// <summary>A new random schema name, dropped with this object.</summary>
    public string NewSchema()
    {
        var schema = $"t_{Guid.NewGuid():N}"[..30];
        _schemas.Add(schema);
        return schema;
    }

    /// <summary>A new store on its own schema, migrated.</summary>
    public async Task<PostgreSqlTaskStore> CreateAsync()
    {
        var store = Open(NewSchema());
        await store.MigrateAsync(CancellationToken.None);
        return store;
    }

    /// <summary>Another store on the schema of <paramref name="store"/>, with its own connection pool.</summary>
    public PostgreSqlTaskStore OpenSecond(ITaskStore store) => Open(((PostgreSqlTaskStore)store).Schema);

    /// <summary>A store on <paramref name="schema"/>, disposed with this object.</summary>
    public PostgreSqlTaskStore Open(string schema)
    {
        _schemas.Add(schema);
        var store = new PostgreSqlTaskStore(ConnectionString, schema);
        _stores.Add(store);
        return store;
    }

    /// <summary>A notifier on the channel of <paramref name="schema"/>, disposed with this object.</summary>
    public PostgreSqlTaskNotifier Notifier(string schema)
    {
        var notifier = new PostgreSqlTaskNotifier(ConnectionString, schema);
        _notifiers.Add(notifier);
        return notifier;
    }

    /// <summary>Runs one statement on a connection of its own; returns the first column of every row.</summary>
    public static async Task<List<object>> QueryAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var values = new List<object>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) values.Add(reader.GetValue(0));
        return values;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores) await store.DisposeAsync();
        foreach (var notifier in _notifiers) await notifier.DisposeAsync();
        if (_schemas.Count == 0 || Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 }) return;
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        foreach (var schema in _schemas)
        {
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
