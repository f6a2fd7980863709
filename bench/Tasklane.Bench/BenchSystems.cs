namespace Tasklane.Bench;

/// <summary>The names of the systems compared, as they appear in the results.</summary>
internal static class BenchSystems
{
    public const string TasklaneSqlite = "tasklane-sqlite";
    public const string TasklanePostgres = "tasklane-postgres";
    public const string HangfireInMemory = "hangfire-inmemory";
    public const string HangfirePostgres = "hangfire-postgres";

    public static IReadOnlyList<string> All { get; } = [TasklaneSqlite, TasklanePostgres, HangfireInMemory, HangfirePostgres];

    public static bool IsTasklane(string system) => system.StartsWith("tasklane-", StringComparison.Ordinal);

    public static bool OnPostgres(string system) => system.EndsWith("-postgres", StringComparison.Ordinal);
}
