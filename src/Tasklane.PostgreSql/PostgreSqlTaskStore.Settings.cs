namespace Tasklane.PostgreSql;

public sealed partial class PostgreSqlTaskStore
{
    /// <summary>One statement for all settings, keys and values as parallel arrays.</summary>
    private protected override Task WriteSettingsAsync(StoreSession session, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        var keys = values.Keys.ToArray();
        var texts = keys.Select(key => values[key]).ToArray();
        return session.Command("settings_set")
            .With("keys", keys)
            .With("values", texts)
            .ExecuteNonQueryAsync(cancellationToken);
    }
}
