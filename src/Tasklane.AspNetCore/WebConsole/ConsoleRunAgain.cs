using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Tasklane.AspNetCore.WebConsole.Pages;

namespace Tasklane.AspNetCore.WebConsole;

/// <summary>
/// The console's "Run again": a server-rendered form with the task's data as editable JSON (GET), sent with its
/// anti-forgery token (POST) to the clone of <c>POST /api/tasks/:id/clone</c>; a refusal shows on the form with what
/// was typed, a success goes to the new task.
/// </summary>
internal static class ConsoleRunAgain
{
    public static async Task<IResult> FormAsync(HttpContext http, ConsoleContext ctx)
    {
        if (await LoadAsync(http, ctx) is not { } task) return Missing(ctx, http);
        return Page(ctx, task, ConsoleFormat.Json(task.Data), task.Queue, Text(task.Priority), "", null, StatusCodes.Status200OK);
    }

    public static async Task<IResult> SendAsync(HttpContext http, ConsoleContext ctx)
    {
        var (form, formError) = await ConsoleForm.ReadAsync(http);
        if (formError is not null) return formError;
        if (await LoadAsync(http, ctx) is not { } task) return Missing(ctx, http);
        var data = form!["data"].ToString();
        var queue = form["queue"].ToString().Trim();
        var priority = form["priority"].ToString();
        var runAt = form["run_at"].ToString().Trim();
        IResult Refused(string message) => Page(ctx, task, data, queue, priority, runAt, message, StatusCodes.Status400BadRequest);

        try
        {
            await http.RequestServices.GetRequiredService<TasklaneAntiforgery>().Service.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return Refused(ctx.T("login.expired"));
        }

        var body = new CloneTaskRequest { Queue = queue.Length == 0 ? null : queue };
        try
        {
            body = body with { Data = JsonDocument.Parse(data.Length == 0 ? "{}" : data).RootElement.Clone() };
        }
        catch (JsonException ex)
        {
            return Refused(ctx.T("task.run_again_bad_json", ex.Message));
        }
        if (!Enum.TryParse<TaskPriority>(priority, ignoreCase: true, out var parsedPriority) || !Enum.IsDefined(parsedPriority))
        {
            return Refused("priority: high, normal, low");
        }
        body = body with { Priority = parsedPriority };
        if (runAt.Length > 0)
        {
            if (!DateTime.TryParse(runAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            {
                return Refused(ctx.T("task.run_at") + ": " + runAt);
            }
            body = body with { RunAt = new DateTimeOffset(at, TimeSpan.Zero) };
        }

        var (created, refusal) = await TaskCloneEndpoint.CloneAsync(http, task, body);
        if (refusal is not null) return Refused(refusal.Field is { } field ? $"{field}: {refusal.Message}" : refusal.Message);
        if (created is null) return Missing(ctx, http);
        return ConsoleEndpoints.Redirect(http, ctx.Url($"/tasks/{created!.Id}"));
    }

    /// <summary>The task of the route when the caller may see it (task:view, and their own unless task:view_all).</summary>
    private static async Task<TaskRow?> LoadAsync(HttpContext http, ConsoleContext ctx)
    {
        if (!ctx.Can(Permissions.TaskView)) return null;
        var (task, _) = await TaskAccess.LoadAsync(http);
        return task;
    }

    private static IResult Missing(ConsoleContext ctx, HttpContext http) =>
        ConsolePageResult.Of<NotFoundPage>(ctx).WithStatus(StatusCodes.Status404NotFound);

    private static ConsolePageResult Page(ConsoleContext ctx, TaskRow task, string data, string queue, string priority, string runAt, string? error, int status) =>
        ConsolePageResult.Of<RunAgainPage>(ctx, ("Task", task), ("Data", data), ("Queue", queue), ("Priority", priority), ("RunAt", runAt), ("Error", error))
            .WithStatus(status);

    private static string Text(TaskPriority priority) => priority.ToString().ToLowerInvariant();
}
