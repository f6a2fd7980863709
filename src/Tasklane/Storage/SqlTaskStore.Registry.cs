using System.Text.Json;

namespace Tasklane.Storage;

public abstract partial class SqlTaskStore
{
    /// <inheritdoc />
    public Task<int> UpsertWorkersAsync(IReadOnlyList<WorkerRow> workers, bool updateExisting, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workers);
        return RunAsync(write: true, async session =>
        {
            var changed = 0;
            foreach (var worker in workers)
            {
                var command = updateExisting ? session.Command("worker_refresh") : session.Command("worker_insert").With("active", worker.Active);
                changed += await command
                    .With("identifier", worker.Identifier)
                    .With("title", worker.Title)
                    .With("scope", worker.Scope)
                    .With("description", worker.Description)
                    .With("icon", worker.Icon)
                    .With("actions", JsonSerializer.Serialize(worker.Actions))
                    .With("now", now)
                    .ExecuteNonQueryAsync(cancellationToken);
            }
            return changed;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WorkerRow>> ListWorkersAsync(CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<WorkerRow>>(write: false, async session =>
            await ReadWorkersAsync(session.Command("workers_list").With("identifier", null), cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<WorkerRow?> GetWorkerAsync(string identifier, CancellationToken cancellationToken) =>
        RunAsync(write: false, async session =>
            (await ReadWorkersAsync(session.Command("workers_list").With("identifier", identifier), cancellationToken)).FirstOrDefault(), cancellationToken);

    /// <inheritdoc />
    public Task<bool> SetWorkerActiveAsync(string identifier, bool active, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var audit = AuditScope.Pending();
        return RunAsync(write: true, async session =>
        {
            if (await session.Command("worker_set_active")
                .With("identifier", identifier).With("active", active).With("now", now)
                .ExecuteNonQueryAsync(cancellationToken) == 0) return false;
            await AuditAsync(session, audit, cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> SetWorkerSettingsAsync(string identifier, string settings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var audit = AuditScope.Pending();
        return RunAsync(write: true, async session =>
        {
            if (await session.Command("worker_set_settings")
                .With("identifier", identifier).With("settings", settings).With("now", now)
                .ExecuteNonQueryAsync(cancellationToken) == 0) return false;
            await AuditAsync(session, audit, cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> DeleteWorkersAsync(IReadOnlyList<string> identifiers, CancellationToken cancellationToken) =>
        RunAsync(write: true, async session =>
        {
            // Their schedules go with them, in the same transaction: a schedule of a deleted worker fires tasks nobody runs.
            await session.Command("schedule_firings_delete_for_workers").WithList("identifiers", identifiers).ExecuteNonQueryAsync(cancellationToken);
            await session.Command("schedules_delete_for_workers").WithList("identifiers", identifiers).ExecuteNonQueryAsync(cancellationToken);
            return await session.Command("workers_delete").WithList("identifiers", identifiers).ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<ScheduleRow> EnsureScheduleAsync(ScheduleRow schedule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return RunAsync(write: true, async session =>
        {
            await session.Command("schedule_insert")
                .With("id", schedule.Id)
                .With("name", schedule.Name)
                .With("worker", schedule.Worker)
                .With("action", schedule.Action)
                .With("data", schedule.Data)
                .With("spec", schedule.Spec)
                .With("enabled", schedule.Enabled)
                .With("next_run_at", schedule.NextRunAt)
                .With("now", schedule.UpdatedAt)
                .ExecuteNonQueryAsync(cancellationToken);
            return (await ReadSchedulesAsync(session.Command("schedules_list").With("id", schedule.Id), cancellationToken))[0];
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ScheduleRow>> ListSchedulesAsync(CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<ScheduleRow>>(write: false, async session =>
            await ReadSchedulesAsync(session.Command("schedules_list").With("id", null), cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<ScheduleRow?> GetScheduleAsync(string id, CancellationToken cancellationToken) =>
        RunAsync(write: false, async session =>
            (await ReadSchedulesAsync(session.Command("schedules_list").With("id", id), cancellationToken)).FirstOrDefault(), cancellationToken);

    /// <inheritdoc />
    public Task<ScheduleRow?> UpdateScheduleAsync(UpdateScheduleParams p, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(p);
        var audit = AuditScope.Pending();
        return RunAsync(write: true, async session =>
        {
            var changed = await session.Command("schedule_update")
                .With("id", p.Id)
                .With("enabled", p.Enabled)
                .With("spec", p.Spec)
                .With("next_run_at", p.NextRunAt)
                .With("now", p.Now)
                .ExecuteNonQueryAsync(cancellationToken);
            if (changed == 0) return null;
            await AuditAsync(session, audit, e => e with { Details = e.Details ?? AuditDetails.Of(("enabled", p.Enabled)) }, cancellationToken);
            return (await ReadSchedulesAsync(session.Command("schedules_list").With("id", p.Id), cancellationToken))[0];
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ScheduleRow>> DueSchedulesAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<ScheduleRow>>(write: false, async session =>
            await ReadSchedulesAsync(session.Command("schedules_due").With("now", now), cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<TaskRow?> FireScheduleAsync(FireScheduleParams p, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(p);
        var audit = AuditScope.Pending();
        return RunAsync(write: true, async session =>
        {
            var inserted = await session.Command("schedule_firing_insert")
                .With("schedule_id", p.ScheduleId)
                .With("fire_at", p.FireAt)
                .ExecuteNonQueryAsync(cancellationToken);
            if (inserted == 0) return null;
            var task = (await InsertTaskAsync(session, p.Task, cancellationToken)).Task;
            await session.Command("schedule_fired")
                .With("schedule_id", p.ScheduleId)
                .With("fire_at", p.FireAt)
                .With("task_id", task.Id)
                .With("keep_next", p.KeepNextRunAt)
                .With("next_run_at", p.NextRunAt)
                .With("now", p.Task.Now)
                .ExecuteNonQueryAsync(cancellationToken);
            await AuditAsync(session, audit, e => e with { Details = e.Details ?? AuditDetails.Of(("task_id", task.Id)) }, cancellationToken);
            return task;
        }, cancellationToken);
    }

    private Task<List<WorkerRow>> ReadWorkersAsync(StoreCommand command, CancellationToken cancellationToken) =>
        command.ReadAllAsync(Rows.Worker, cancellationToken);

    private Task<List<ScheduleRow>> ReadSchedulesAsync(StoreCommand command, CancellationToken cancellationToken) =>
        command.ReadAllAsync(Rows.Schedule, cancellationToken);
}
