using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Tasklane.AspNetCore;

/// <summary>The worker registry: list, discover, rescan, clean orphaned, activate, and each worker's settings and schedule.</summary>
internal static class WorkerEndpoints
{
    private static readonly string[] ScheduleMeta = ["enabled", "action", "id", "name", "worker", "description", "next_run_at", "last_run_at", "last_task_id", "spec"];

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/api/workers", TaskAccess.Handle(ListAsync)).RequirePermission(Permissions.WorkerList)
            .WithTags("Workers").WithSummary("Workers with their actions, state and nodes");
        group.MapPost("/api/workers/discover", TaskAccess.Handle(async c =>
            ApiResults.Ok(new DiscoverDto(await Catalog(c).DiscoverAsync(c.RequestAborted))))).RequirePermission(Permissions.WorkerUpdate)
            .WithTags("Workers").WithSummary("Register the worker classes found in the loaded assemblies");
        group.MapPost("/api/workers/rescan", TaskAccess.Handle(async c =>
            ApiResults.Ok(new RescanDto(await Catalog(c).RescanAsync(c.RequestAborted))))).RequirePermission(Permissions.WorkerUpdate)
            .WithTags("Workers").WithSummary("Refresh the known workers' metadata");
        group.MapPost("/api/workers/clean-orphaned", TaskAccess.Handle(async c =>
            ApiResults.Ok(new CleanOrphanedDto(await Catalog(c).CleanOrphanedAsync(c.RequestAborted))))).RequirePermission(Permissions.WorkerUpdate)
            .WithTags("Workers").WithSummary("Remove workers whose class no longer exists");
        group.MapPost("/api/workers/{identifier}/activate", TaskAccess.Handle(c => SetActiveAsync(c, true))).RequirePermission(Permissions.WorkerUpdate)
            .WithTags("Workers").WithSummary("Let a worker take new tasks");
        group.MapPost("/api/workers/{identifier}/deactivate", TaskAccess.Handle(c => SetActiveAsync(c, false))).RequirePermission(Permissions.WorkerUpdate)
            .WithTags("Workers").WithSummary("Stop a worker taking new tasks (queued ones still run)");
        group.MapGet("/api/workers/{identifier}/settings", TaskAccess.Handle(GetSettingsAsync)).RequirePermission(Permissions.WorkerList)
            .WithTags("Workers").WithSummary("A worker's settings (secrets masked) and schedule");
        group.MapPut("/api/workers/{identifier}/settings", TaskAccess.Handle(PutSettingsAsync)).RequirePermission(Permissions.WorkerUpdate)
            .WithTags("Workers").WithSummary("Change a worker's settings and schedule");
    }

    private static async Task<ApiOk<ItemsDto<WorkerDto>>> ListAsync(HttpContext context)
    {
        var workers = await Catalog(context).ListAsync(context.RequestAborted);
        return ApiResults.Ok(new ItemsDto<WorkerDto>([.. workers.Select(w => WorkerDto.From(w, context.User.Has(Permissions.TaskViewAll)))]));
    }

    private static async Task<Results<ApiOk<WorkerDto>, ApiProblem>> SetActiveAsync(HttpContext context, bool active)
    {
        var identifier = Identifier(context);
        using (var audit = HttpAudit.Begin(context, active ? "worker.activate" : "worker.deactivate", "worker", identifier))
        {
            if (!await Catalog(context).SetActiveAsync(identifier, active, context.RequestAborted)) return Problems.NotFound("worker");
            await HttpAudit.CompleteAsync(context, audit);
        }
        var worker = (await Catalog(context).ListAsync(context.RequestAborted)).Single(w => w.Worker.Identifier == identifier);
        return ApiResults.Ok(WorkerDto.From(worker, context.User.Has(Permissions.TaskViewAll)));
    }

    private static async Task<Results<ApiOk<WorkerSettingsDto>, ApiProblem>> GetSettingsAsync(HttpContext context)
    {
        var identifier = Identifier(context);
        var settings = await Catalog(context).GetSettingsAsync(identifier, context.RequestAborted);
        if (settings is null) return Problems.NotFound("worker");
        var schedule = await Schedules(context).GetAsync(identifier, context.RequestAborted);
        return ApiResults.Ok(Settings(context, schedule, settings));
    }

    private static async Task<Results<ApiOk<WorkerSettingsDto>, ApiProblem>> PutSettingsAsync(HttpContext context)
    {
        var identifier = Identifier(context);
        if (context.RequestServices.GetRequiredService<WorkerRegistry>().Find(identifier) is not { } worker) return Problems.NotFound("worker");
        var (body, error) = await RequestBody.ReadAsync<JsonObject>(context);
        if (error is not null) return error;
        try
        {
            // Everything is checked before anything is written, so a bad part leaves both as they were: the schedule
            // is parsed and its action checked first, then the settings are written (SetSettingsAsync validates before
            // it writes), and the schedule last.
            (string Action, ScheduleSpec Spec, bool Enabled)? scheduleChange = null;
            if (body!["schedule"] is JsonObject scheduleJson)
            {
                // A member left out keeps its current value: enabled, action, and the spec when no spec member is sent.
                var existing = await Schedules(context).GetAsync(identifier, context.RequestAborted);
                bool enabled;
                if (scheduleJson["enabled"] is null) enabled = existing?.Schedule.Enabled ?? false;
                else if (scheduleJson["enabled"] is JsonValue e && e.TryGetValue<bool>(out var on)) enabled = on;
                else return Problems.BadRequest("schedule.enabled", "schedule.enabled must be true or false");
                var action = scheduleJson["action"] is JsonValue a && a.TryGetValue<string>(out var name)
                    ? name
                    : existing?.Schedule.Action ?? worker.ListedActions.FirstOrDefault() ?? "";
                var specJson = (JsonObject)scheduleJson.DeepClone();
                foreach (var key in ScheduleMeta) specJson.Remove(key);
                var spec = specJson.Count == 0 && existing is not null ? existing.Spec : ScheduleService.ParseSpec(specJson.ToJsonString());
                // SetWorkerScheduleAsync refuses these too, but only after the settings would have been written.
                if (!worker.Actions.TryGetValue(action, out var descriptor))
                {
                    return Problems.BadRequest("schedule.action", $"worker '{worker.Identifier}' has no action '{action}'");
                }
                if (descriptor.SubtaskOnly)
                {
                    return Problems.BadRequest("schedule.action", $"action '{worker.Identifier}/{action}' only runs as a subtask and cannot be scheduled");
                }
                scheduleChange = (action, spec, enabled);
            }
            else if (body["schedule"] is not null)
            {
                return Problems.BadRequest("schedule", "schedule must be an object");
            }
            if (body["settings"] is not (null or JsonObject)) return Problems.BadRequest("settings", "settings must be an object");

            // One entry for the whole change, with the secrets masked; the first write that makes a change records it.
            var masked = body["settings"] is JsonObject sent ? Catalog(context).MaskSecrets(identifier, sent) : null;
            using var audit = HttpAudit.Begin(context, "worker.settings", "worker", identifier, new { settings = masked, schedule = body["schedule"]?.DeepClone() });
            JsonObject? settings = null;
            if (body["settings"] is JsonObject settingsJson)
            {
                settings = await Catalog(context).SetSettingsAsync(identifier, settingsJson, context.RequestAborted);
            }
            ScheduleView? schedule = null;
            if (scheduleChange is { } change)
            {
                schedule = await Schedules(context).SetWorkerScheduleAsync(worker, change.Action, change.Spec, change.Enabled, context.RequestAborted);
            }
            await HttpAudit.CompleteAsync(context, audit);
            settings ??= await Catalog(context).GetSettingsAsync(identifier, context.RequestAborted);
            schedule ??= await Schedules(context).GetAsync(identifier, context.RequestAborted);
            return ApiResults.Ok(Settings(context, schedule, settings));
        }
        catch (JsonDataException ex)
        {
            return Problems.BadRequest(ex.Field, ex.Message);
        }
        catch (JsonException ex)
        {
            return Problems.BadRequest("body", ex.Message);
        }
    }

    private static WorkerSettingsDto Settings(HttpContext context, ScheduleView? schedule, JsonObject? settings) =>
        new(schedule is null ? null : ScheduleDto.From(schedule, context.User.Has(Permissions.TaskViewAll)), settings);

    private static string Identifier(HttpContext context) => context.Request.RouteValues["identifier"]?.ToString() ?? "";

    private static WorkerCatalog Catalog(HttpContext context) => context.RequestServices.GetRequiredService<WorkerCatalog>();

    private static ScheduleService Schedules(HttpContext context) => context.RequestServices.GetRequiredService<ScheduleService>();
}
