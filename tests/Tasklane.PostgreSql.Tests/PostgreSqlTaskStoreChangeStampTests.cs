using Tasklane.Conformance;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.PostgreSql;

/// <summary>The conformance suite for the console change stamp, on a fresh PostgreSQL schema per test.</summary>
public sealed class PostgreSqlTaskStoreChangeStampTests : TaskStoreChangeStampConformanceTests, IAsyncLifetime
{
    private readonly PostgreSqlTestDatabases _databases = new();

    protected override async Task<ITaskStore> CreateStoreAsync() => await _databases.CreateAsync();

    protected override ITaskStore OpenSecondHandle(ITaskStore store) => _databases.OpenSecond(store);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _databases.DisposeAsync().AsTask();
}
