using System.Data.Common;

namespace Tasklane.Storage;

/// <summary>One command of a <see cref="StoreSession"/>: binds parameters the way its store keeps values, and runs.</summary>
internal sealed class StoreCommand(DbCommand command, SqlDialect dialect, StoreSession session)
{
    /// <summary>Binds <paramref name="value"/> to <c>@name</c> and returns the command.</summary>
    public StoreCommand With(string name, object? value) => Add(name, dialect.Value(value));

    /// <summary>Binds a list to <c>@name</c> (a JSON array on SQLite, an array on PostgreSQL) and returns the command.</summary>
    public StoreCommand WithList<T>(string name, IEnumerable<T> values) => Add(name, dialect.ListValue(values));

    /// <summary>Runs the command; the number of rows changed.</summary>
    public async Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken)
    {
        var changed = await command.ExecuteNonQueryAsync(cancellationToken);
        session.Finished(command);
        return changed;
    }

    /// <summary>Runs the command; the first column of the first row, or null.</summary>
    public async Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken)
    {
        var value = await command.ExecuteScalarAsync(cancellationToken);
        session.Finished(command);
        return value;
    }

    /// <summary>Runs the command and returns its reader.</summary>
    public Task<DbDataReader> ExecuteReaderAsync(CancellationToken cancellationToken) => command.ExecuteReaderAsync(cancellationToken);

    /// <summary>Runs the command and reads every row of its first result with <paramref name="read"/>.</summary>
    public async Task<List<T>> ReadAllAsync<T>(Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) rows.Add(read(reader));
        }
        session.Finished(command);
        return rows;
    }

    private StoreCommand Add(string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = dialect.ParameterName(name);
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return this;
    }
}
