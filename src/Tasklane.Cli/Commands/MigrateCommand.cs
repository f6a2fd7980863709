using System.CommandLine;
using System.Data.Common;
using Microsoft.Extensions.Logging;
using Tasklane.PostgreSql;
using Tasklane.Sqlite;

namespace Tasklane.Cli.Commands;

/// <summary>
/// <c>tasklane migrate --db FILE | --postgres CONNECTION</c>: brings the store's tables up to this version without serving,
/// e.g. as a deployment step before the new nodes start. Running it again changes nothing.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var db = new Option<string?>("--db") { Description = "The SQLite database file (else ./tasklane.db when --postgres is not given)" };
        var postgres = new Option<string?>("--postgres") { Description = "A PostgreSQL connection string (else TASKLANE_POSTGRES)" };
        var schema = new Option<string>("--postgres-schema")
        {
            Description = "The schema of Tasklane's tables in PostgreSQL (else TASKLANE_POSTGRES_SCHEMA, else tasklane)",
            DefaultValueFactory = _ => ClientOptions.Environment("TASKLANE_POSTGRES_SCHEMA") ?? "tasklane",
        };
        var command = new Command("migrate", "Create or upgrade the store's tables (SQLite file or PostgreSQL schema) and exit") { db, postgres, schema };
        command.SetAction((parse, cancellationToken) => ClientOptions.RunAsync(async () =>
        {
            var file = parse.GetValue(db);
            var connection = parse.GetValue(postgres) ?? (file is null ? ClientOptions.Environment("TASKLANE_POSTGRES") : null);
            if (file is not null && parse.GetValue(postgres) is not null) throw new CliException("give --db or --postgres, not both", ExitCodes.Usage);
            // The store logs each migration it applies: to standard error, one line each.
            using var logging = LoggerFactory.Create(b => b
                .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).AddSimpleConsole(o => o.SingleLine = true)
                .SetMinimumLevel(LogLevel.Warning).AddFilter("Tasklane", LogLevel.Information));
            var where = connection is null ? Path.GetFullPath(file ?? "./tasklane.db") : $"PostgreSQL schema {parse.GetValue(schema)}";
            try
            {
                ITaskStore store = connection is null
                    ? new SqliteTaskStore(where, logging.CreateLogger<SqliteTaskStore>())
                    : new PostgreSqlTaskStore(connection, parse.GetValue(schema)!, logging.CreateLogger<PostgreSqlTaskStore>());
                try
                {
                    await store.MigrateAsync(cancellationToken);
                }
                finally
                {
                    if (store is IAsyncDisposable disposable) await disposable.DisposeAsync();
                }
            }
            catch (ArgumentException ex)
            {
                throw new CliException(ex.Message, ExitCodes.Usage);
            }
            catch (DbException ex)
            {
                throw new CliException($"the store ({where}) cannot be migrated: {ex.Message}", ExitCodes.Unreachable);
            }
            Console.WriteLine($"{where} is up to date");
        }));
        return command;
    }
}
