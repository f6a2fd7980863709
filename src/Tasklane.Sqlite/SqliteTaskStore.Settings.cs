namespace Tasklane.Sqlite;

public sealed partial class SqliteTaskStore
{
    /// <summary>One upsert per setting.</summary>
    private protected override async Task WriteSettingsAsync(StoreSession session, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        foreach (var (key, value) in values)
            await session.Command("settings_set").With("key", key).With("value", value).ExecuteNonQueryAsync(cancellationToken);
    }
}
