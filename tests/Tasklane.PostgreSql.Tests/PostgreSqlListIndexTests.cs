using Tasklane.Conformance;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.PostgreSql;

/// <summary>Migration 0011: the tasks table's indexes after it, and the searches its error index serves.</summary>
public sealed class PostgreSqlListIndexTests : TaskStoreConformanceBase, IAsyncLifetime
{
    private readonly PostgreSqlTestDatabases _databases = new();

    protected override async Task<ITaskStore> CreateStoreAsync() => await _databases.CreateAsync();

    protected override ITaskStore OpenSecondHandle(ITaskStore store) => _databases.OpenSecond(store);

    [Fact]
    public async Task Migrate_Version11_CoveringCreatorIndexAndNoIndexThatAnotherCovers()
    {
        var store = await _databases.CreateAsync();

        var indexes = (await PostgreSqlTestDatabases.QueryAsync(
            $"SELECT indexname FROM pg_indexes WHERE schemaname = '{store.Schema}' AND tablename = 'tasks'")).Cast<string>().ToHashSet();

        Assert.DoesNotContain("ix_tasks_status", indexes);
        Assert.DoesNotContain("ix_tasks_created_by", indexes);
        Assert.DoesNotContain("ix_tasks_worker", indexes);
        Assert.DoesNotContain("ix_tasks_schedule", indexes);
        Assert.DoesNotContain("ix_tasks_object", indexes);
        Assert.Equal(["ix_tasks_list_creator", "ix_tasks_list_creator_name", "ix_tasks_list_creator_status"],
            indexes.Where(i => i.Contains("creat", StringComparison.Ordinal) && !i.Contains("created_at", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        var creator = Assert.Single(await PostgreSqlTestDatabases.QueryAsync(
            $"SELECT indexdef FROM pg_indexes WHERE schemaname = '{store.Schema}' AND indexname = 'ix_tasks_list_creator'"));
        Assert.Contains("INCLUDE (status, worker, action, queue, created_at, created_by_name)", (string)creator, StringComparison.Ordinal);
        // Retention finds old failed and cancelled tasks through the ended index now that the status index is gone.
        var ended = Assert.Single(await PostgreSqlTestDatabases.QueryAsync(
            $"SELECT indexdef FROM pg_indexes WHERE schemaname = '{store.Schema}' AND indexname = 'ix_tasks_ended'"));
        Assert.Contains("'completed'::text, 'failed'::text, 'cancelled'::text", (string)ended, StringComparison.Ordinal);
        // The error index comes with the trigram index of version 4 (both need pg_trgm).
        Assert.Equal(indexes.Contains("ix_tasks_search"), indexes.Contains("ix_tasks_search_error"));
    }

    [Fact]
    public async Task Search_ErrorText_FindsTheFailedTaskOnly()
    {
        var store = await CreateStoreAsync();
        var failed = await FinishAsync(store, TaskState.Failed, "disk quota exceeded on node7");
        await FinishAsync(store, TaskState.Cancelled, "disk quota exceeded on node8");

        var page = await store.ListTasksAsync(new TaskQuery { Search = "QUOTA exceeded" }, Ct);

        Assert.Equal([failed], page.Items.Select(t => t.Id));
    }

    private static async Task<long> FinishAsync(ITaskStore store, TaskState state, string error)
    {
        var running = await CreateRunningAsync(store, NewTask("report", "export") with { MaxAttempts = 1 });
        await store.CompleteAsync([NewOutcome(running, state) with { Error = error }], Ct);
        return running.Id;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _databases.DisposeAsync().AsTask();
}
