using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tasklane.AspNetCore;

/// <summary>
/// <c>POST /api/tasks/bulk</c>: one operator transition on many tasks, by ids or by the list's filters, in set-based
/// statements (see <see cref="ITaskStore.BulkAsync"/>). The permission is the single action's; tasks the caller cannot
/// see are never matched by a filter and count as skipped by id.
/// </summary>
internal static partial class TaskBulkEndpoint
{
    private static readonly Dictionary<string, (TaskBulkAction Action, string Permission)> Actions = new(StringComparer.Ordinal)
    {
        ["retry"] = (TaskBulkAction.Retry, Permissions.TaskRetry),
        ["cancel"] = (TaskBulkAction.Cancel, Permissions.TaskCancel),
        ["delete"] = (TaskBulkAction.Delete, Permissions.TaskDelete),
        ["execute"] = (TaskBulkAction.Execute, Permissions.TaskExecute),
    };

    /// <summary>Paging parameters of the list: accepted in a filter (the console sends its page's query) and ignored.</summary>
    private static readonly HashSet<string> Paging = new(StringComparer.Ordinal) { "current", "page_size", "after_id" };

    public static async Task<Results<ApiOk<TaskBulkDto>, ApiProblem>> HandleAsync(HttpContext context)
    {
        var (body, error) = await RequestBody.ReadAsync<TaskBulkRequest>(context);
        if (error is not null) return error;
        if (string.IsNullOrWhiteSpace(body!.Action)) return Problems.BadRequest("action", "action is required: retry, cancel, delete or execute");
        var verb = body.Action.Trim().ToLowerInvariant();
        if (!Actions.TryGetValue(verb, out var action))
        {
            return Problems.BadRequest("action", $"Unknown action '{body.Action}': retry, cancel, delete or execute");
        }
        var user = context.User;
        if (!user.Has(action.Permission)) return Problems.Status(StatusCodes.Status403Forbidden, $"A bulk {verb} needs the permission {action.Permission}.");
        if ((body.Ids is null) == (body.Filter is null)) return Problems.BadRequest("body", "Give either ids or filter, not both and not neither.");

        var client = context.RequestServices.GetRequiredService<ITaskClient>();
        TaskBulkResult result;
        KeyValuePair<string, object?> target;
        if (body.Ids is { } ids)
        {
            if (ids.Count is 0 or > TaskBulkParams.MaxIds) return Problems.BadRequest("ids", $"ids must hold 1 to {TaskBulkParams.MaxIds} task ids; this call has {ids.Count}");
            if (ids.FindIndex(id => id < 1) is var bad and >= 0) return Problems.BadRequest($"ids[{bad}]", $"ids[{bad}] must be a task id (1 or more)");
            result = await client.BulkAsync(action.Action, ids, user.VisibleTo(), context.RequestAborted);
            target = new("ids", ids.Count);
        }
        else
        {
            var (query, filterError) = ReadFilter(body.Filter!, context);
            if (filterError is not null) return filterError;
            result = await client.BulkAsync(action.Action, query!, context.RequestAborted);
            target = new("filter", body.Filter!.Where(f => !Paging.Contains(f.Key)).ToDictionary(f => f.Key, f => f.Value));
        }

        // Several short transactions (chunks), not one: recorded once done, with its counts, as cleanup is.
        await HttpAudit.AppendAsync(context, "task.bulk", "task", null, new Dictionary<string, object?>
        {
            ["action"] = verb,
            ["matched"] = result.Matched,
            ["changed"] = result.Changed,
            ["skipped"] = result.Skipped,
            [target.Key] = target.Value,
        });
        LogBulk(Logger(context), verb, result.Matched, result.Changed, result.Skipped, user.Identity?.Name);
        return ApiResults.Ok(new TaskBulkDto(result.Matched, result.Changed, result.Skipped));
    }

    /// <summary>The filter as the list reads its query string: the same names and values, the caller's visibility applied.</summary>
    private static (TaskQuery? Query, ApiProblem? Error) ReadFilter(Dictionary<string, JsonElement> filter, HttpContext context)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in filter)
        {
            if (!ApiQuery.TaskFilterNames.Contains(name) && !Paging.Contains(name))
            {
                var known = string.Join(", ", ApiQuery.TaskFilterNames.Order(StringComparer.Ordinal));
                return (null, Problems.BadRequest("filter." + name, $"Unknown filter '{name}' (known: {known})."));
            }
            switch (value.ValueKind)
            {
                case JsonValueKind.String: values[name] = value.GetString(); break;
                case JsonValueKind.Number: values[name] = value.GetRawText(); break;
                case JsonValueKind.Null: break;
                default: return (null, Problems.BadRequest("filter." + name, $"filter.{name} must be a string or a number"));
            }
        }
        return TaskEndpoints.ReadQuery(new QueryReader(name => Paging.Contains(name) ? null : values.GetValueOrDefault(name), "filter."), context);
    }

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Tasklane.Api.Tasks");

    [LoggerMessage(Level = LogLevel.Information, Message = "Bulk {Verb}: {Matched} matched, {Changed} changed, {Skipped} skipped (by {Username})")]
    private static partial void LogBulk(ILogger logger, string verb, long matched, long changed, long skipped, string? username);
}
