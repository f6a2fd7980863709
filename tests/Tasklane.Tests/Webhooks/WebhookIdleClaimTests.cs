using Microsoft.Data.Sqlite;
using Npgsql;
using Tasklane.Tests.Api;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Webhooks;

/// <summary>
/// A node with hooks and nothing to send only reads: its claim of due deliveries asks first whether any is due, and
/// makes its write transaction only when one is. Proved on both stores by holding the deliveries' write lock from
/// another connection (SQLite: the database's write lock; PostgreSQL: an EXCLUSIVE table lock, which lets plain reads
/// through and blocks every UPDATE): an idle claim still answers, where a claim that wrote would wait for the lock.
/// </summary>
public sealed class WebhookIdleClaimTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Claim_NothingDue_OnlyReadsThenClaimsOnceADeliveryIsDue(string store)
    {
        await using var host = await WebhookHost.StartAsync(store, runEngine: false, webhooks: w => w.Enabled = false);
        using var admin = await host.AdminAsync();
        var hook = await WebhookHost.CreateHookAsync(admin, "http://127.0.0.1:9/hook", "idle-secret", ["task.failed"]);
        using var timeout = new CancellationTokenSource(ApiHost.Timeout);

        await using (var locker = await WriteLockAsync(host, store, timeout.Token))
        {
            var now = DateTimeOffset.UtcNow;
            var idle = await host.Webhooks.ClaimWebhookDeliveriesAsync(new ClaimWebhookDeliveriesParams(now, now.AddMinutes(1), 16), timeout.Token);
            Assert.Empty(idle);
        }

        // A due delivery (Send test) is still claimed, once.
        Assert.NotNull(await host.Webhooks.EnqueueWebhookTestAsync(hook, DateTimeOffset.UtcNow, timeout.Token));
        var at = DateTimeOffset.UtcNow.AddSeconds(1);
        var claimed = await host.Webhooks.ClaimWebhookDeliveriesAsync(new ClaimWebhookDeliveriesParams(at, at.AddMinutes(1), 16), timeout.Token);
        Assert.Equal(hook, Assert.Single(claimed).WebhookId);
        Assert.Empty(await host.Webhooks.ClaimWebhookDeliveriesAsync(new ClaimWebhookDeliveriesParams(at, at.AddMinutes(1), 16), timeout.Token));
    }

    /// <summary>Another connection holding what a claim's write needs, until disposed.</summary>
    private static async Task<IAsyncDisposable> WriteLockAsync(WebhookHost host, string store, CancellationToken cancellationToken)
    {
        if (store == "sqlite")
        {
            var sqlite = new SqliteConnection($"Data Source={host.DatabasePath};Pooling=False");
            await sqlite.OpenAsync(cancellationToken);
            await using (var begin = sqlite.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE";
                await begin.ExecuteNonQueryAsync(cancellationToken);
            }
            return new HeldLock(sqlite);
        }
        var pg = new NpgsqlConnection(PostgreSqlTestDatabases.ConnectionString);
        await pg.OpenAsync(cancellationToken);
        await using (var lockTable = pg.CreateCommand())
        {
            lockTable.CommandText = $"BEGIN; LOCK TABLE \"{host.Schema}\".webhook_deliveries IN EXCLUSIVE MODE";
            await lockTable.ExecuteNonQueryAsync(cancellationToken);
        }
        return new HeldLock(pg);
    }

    /// <summary>The open transaction that holds the lock, rolled back on dispose.</summary>
    private sealed class HeldLock(System.Data.Common.DbConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using (var rollback = connection.CreateCommand())
            {
                rollback.CommandText = "ROLLBACK";
                await rollback.ExecuteNonQueryAsync();
            }
            await connection.DisposeAsync();
        }
    }
}
