using Tasklane.Sqlite;

namespace Tasklane.Tests.Support;

/// <summary>Temp database files for one test; every store opened here is disposed and its files deleted at the end.</summary>
public sealed class SqliteTestDatabases : IDisposable
{
    private readonly List<(SqliteTaskStore Store, string Path)> _stores = [];
    private readonly List<string> _paths = [];

    /// <summary>A path to a new, not yet existing database file.</summary>
    public string NewPath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tasklane-test-{Guid.NewGuid():N}.db");
        _paths.Add(path);
        return path;
    }

    /// <summary>A new store on its own file, migrated.</summary>
    public async Task<SqliteTaskStore> CreateAsync()
    {
        var store = Open(NewPath());
        await store.MigrateAsync(CancellationToken.None);
        return store;
    }

    /// <summary>Another store on the file of <paramref name="store"/>.</summary>
    public SqliteTaskStore OpenSecond(ITaskStore store) => Open(_stores.Single(s => ReferenceEquals(s.Store, store)).Path);

    /// <summary>A store on <paramref name="path"/>, disposed with this object.</summary>
    public SqliteTaskStore Open(string path)
    {
        var store = new SqliteTaskStore(path);
        _stores.Add((store, path));
        return store;
    }

    public void Dispose()
    {
        foreach (var (store, _) in _stores) store.Dispose();
        foreach (var path in _paths)
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                try
                {
                    File.Delete(file);
                }
                catch (IOException)
                {
                    // A file still open elsewhere stays in the temp folder; the test result does not depend on it.
                }
            }
        }
    }
}
