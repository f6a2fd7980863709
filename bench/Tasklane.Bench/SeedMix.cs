namespace Tasklane.Bench;

/// <summary>
/// The mix of the seeded tasks, as SQL expressions over the row number <c>i</c> (shared by both stores' seeders):
/// 8 worker/action pairs, queues default/high/emails, 88 % completed, 6 % failed, 3 % cancelled, 3 % pending (due later, so the
/// serve engine leaves them alone), creators: one operator user owning 1 %, system tasks 10 %, the admin the rest.
/// created_at is spread evenly over the 60 days before now, in id order. Only the core columns are written, so columns added
/// by later migrations take their defaults.
/// </summary>
internal static class SeedMix
{
    public const string Columns =
        "worker, action, data, queue, priority, status, progress, message, error, attempt, max_attempts, run_at, " +
        "created_by_id, created_by_name, category, object_type, object_id, created_at, started_at, updated_at, ended_at";

    /// <summary>The SELECT list; <paramref name="time"/> turns a unix-milliseconds expression into the store's time type.</summary>
    public static string Select(Func<string, string> time, string json) => $"""
        CASE k WHEN 0 THEN 'demo' WHEN 1 THEN 'demo' WHEN 2 THEN 'demo' WHEN 3 THEN 'report' WHEN 4 THEN 'report'
               WHEN 5 THEN 'product' WHEN 6 THEN 'product' ELSE 'email' END,
        CASE k WHEN 0 THEN 'echo' WHEN 1 THEN 'sleep' WHEN 2 THEN 'noop' WHEN 3 THEN 'export' WHEN 4 THEN 'daily'
               WHEN 5 THEN 'import' WHEN 6 THEN 'export' ELSE 'send' END,
        {json},
        CASE WHEN k = 7 THEN 'emails' WHEN i % 20 = 0 THEN 'high' ELSE 'default' END,
        CASE WHEN i % 20 = 0 THEN 'high' WHEN i % 7 = 0 THEN 'low' ELSE 'normal' END,
        CASE WHEN s < 88 THEN 'completed' WHEN s < 94 THEN 'failed' WHEN s < 97 THEN 'cancelled' ELSE 'pending' END,
        CASE WHEN s < 88 THEN 1 ELSE 0 END,
        CASE WHEN s < 88 THEN 'Done' WHEN s < 94 THEN 'Failed' WHEN s < 97 THEN 'Cancelled' END,
        CASE WHEN s >= 88 AND s < 94 THEN 'Simulated failure ' || (i % 13) END,
        CASE WHEN s < 97 THEN 1 ELSE 0 END,
        3,
        {time("CASE WHEN s < 97 THEN created ELSE @future + i END")},
        CASE WHEN i % 100 = 0 THEN @operator_id WHEN i % 10 = 3 THEN NULL ELSE @admin_id END,
        CASE WHEN i % 100 = 0 THEN @operator_name WHEN i % 10 = 3 THEN NULL ELSE 'admin' END,
        CASE WHEN i % 10 = 3 THEN 'system' ELSE 'user' END,
        CASE WHEN i % 10 = 5 THEN 'order' END,
        CASE WHEN i % 10 = 5 THEN CAST(i / 10 AS TEXT) END,
        {time("created")},
        {time("CASE WHEN s < 97 THEN created + 40 END")},
        {time("CASE WHEN s < 97 THEN created + 40 + i % 5000 ELSE created END")},
        {time("CASE WHEN s < 97 THEN created + 40 + i % 5000 END")}
        """;
}
