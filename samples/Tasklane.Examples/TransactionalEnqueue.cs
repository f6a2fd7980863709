using Microsoft.Data.Sqlite;
using Npgsql;

namespace Tasklane.Examples;

/// <summary>Creating tasks inside the application's own database transaction.</summary>
public static class TransactionalEnqueue
{
    public static async Task PlaceOrderAsync(ITaskClient tasks, SqliteConnection connection, long orderId, string email)
    {
        // snippet: transactional-enqueue-sqlite
        // The connection is open on Tasklane's own file (tasklane.db); BeginTransaction is BEGIN IMMEDIATE.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO orders (id, email) VALUES ($id, $email)";
            insert.Parameters.AddWithValue("$id", orderId);
            insert.Parameters.AddWithValue("$email", email);
            await insert.ExecuteNonQueryAsync();
        }
        await tasks.InTransaction(transaction).CreateAsync("mailer", "send", new SendArgs("Order received", [email]));
        await transaction.CommitAsync();   // the order and its task, or neither
        // end snippet
    }

    public static async Task PlaceOrderAsync(ITaskClient tasks, NpgsqlDataSource database, long orderId, string email)
    {
        // snippet: transactional-enqueue-postgresql
        await using var connection = await database.OpenConnectionAsync();   // the database of UsePostgreSql
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("INSERT INTO orders (id, email) VALUES (@id, @email)", connection, transaction))
        {
            insert.Parameters.AddWithValue("id", orderId);
            insert.Parameters.AddWithValue("email", email);
            await insert.ExecuteNonQueryAsync();
        }
        var inTransaction = tasks.InTransaction(transaction);
        await inTransaction.CreateManyAsync(
        [
            new TaskRequest("mailer", "send", new SendArgs("Order received", [email])),
            new TaskRequest("mailer", "send", new SendArgs("New order", ["sales@example.com"])),
        ]);
        await transaction.CommitAsync();   // NOTIFY is delivered now: every node wakes at once
        // end snippet
    }
}
