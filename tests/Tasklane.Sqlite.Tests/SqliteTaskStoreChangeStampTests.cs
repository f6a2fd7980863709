using Tasklane.Conformance;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Sqlite;

/// <summary>The conformance suite for the console change stamp, on a SQLite file per test.</summary>
public sealed class SqliteTaskStoreChangeStampTests : TaskStoreChangeStampConformanceTests, IDisposable
{
    private readonly SqliteTestDatabases _databases = new();

    protected override async Task<ITaskStore> CreateStoreAsync() => await _databases.CreateAsync();

    protected override ITaskStore OpenSecondHandle(ITaskStore store) => _databases.OpenSecond(store);

    public void Dispose() => _databases.Dispose();
}
