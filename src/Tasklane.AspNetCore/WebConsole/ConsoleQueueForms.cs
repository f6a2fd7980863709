using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tasklane.AspNetCore.WebConsole.Pages;

namespace Tasklane.AspNetCore.WebConsole;

/// <summary>
/// The queues page's forms (server-rendered, no script): Pause / Resume, and the global concurrency and rate per second
/// of a queue, for users with <c>queue:update</c>. A change goes through the same store call and audit entry
/// (<c>queue.update</c>) as <c>PUT /api/queues/:name</c>, then back to the page; a refused value shows the page again
/// with the reason (400).
/// </summary>
internal static class ConsoleQueueForms
{
    public static void Map(RouteGroupBuilder group, string prefix) =>
        group.MapPost("/queues/{name}", TaskAccess.Handle(http => UpdateAsync(http, prefix)))
            .RequirePermission(Permissions.QueueUpdate)
            .DisableAntiforgery() // validated below, after the session: a form of another site is refused
            .ExcludeFromDescription();

    private static async Task<IResult> UpdateAsync(HttpContext http, string prefix)
    {
        var (form, formError) = await ConsoleForm.ReadAsync(http);
        if (formError is not null) return formError;
        try
        {
            await http.RequestServices.GetRequiredService<TasklaneAntiforgery>().Service.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return Problems.Status(StatusCodes.Status400BadRequest, "The queue form is missing its anti-forgery token; reload the page.");
        }
        var name = http.Request.RouteValues["name"]?.ToString() ?? "";
        var change = new UpdateQueueParams { Name = name, Now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow() };
        string? error = null;
        if (form!.TryGetValue("paused", out var paused))
        {
            if (bool.TryParse(paused.ToString(), out var value)) change = change with { Paused = value };
            else error = "paused must be true or false";
        }
        if (form.ContainsKey("limits"))
        {
            var global = form["global_concurrency"].ToString().Trim();
            var rate = form["rate_per_second"].ToString().Trim();
            if (global.Length > 0 && !int.TryParse(global, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                error = "global_concurrency must be an integer of 1 or more, or empty";
            else if (rate.Length > 0 && !double.TryParse(rate, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                error = "rate_per_second must be a number above 0, or empty";
            else
                change = change with
                {
                    SetGlobalConcurrency = true,
                    GlobalConcurrency = global.Length == 0 ? null : int.Parse(global, CultureInfo.InvariantCulture),
                    SetRatePerSecond = true,
                    RatePerSecond = rate.Length == 0 ? null : double.Parse(rate, CultureInfo.InvariantCulture),
                };
        }
        if (error is null && change.Validate() is { } invalid) error = invalid.Reason;
        if (error is not null)
        {
            var ctx = ConsoleEndpoints.Context(http, prefix);
            return ConsolePageResult.For<QueuesPage>(ctx, await QueuesModel.LoadAsync(http, error)).WithStatus(StatusCodes.Status400BadRequest);
        }
        using (var audit = HttpAudit.Begin(http, "queue.update", "queue", name))
        {
            await http.RequestServices.GetRequiredService<ITaskStore>().UpdateQueueAsync(change, http.RequestAborted);
            await HttpAudit.CompleteAsync(http, audit);
        }
        return ConsoleEndpoints.Redirect(http, ConsoleEndpoints.BasePath(http, prefix) + "/queues");
    }
}
