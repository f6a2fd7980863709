using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Tasklane.AspNetCore;

/// <summary>
/// Webhooks (alerts): list (<c>system:settings:view</c>), create, delete and send a test (<c>system:settings:update</c>).
/// The secret is write-only. See docs/webhooks.md.
/// </summary>
internal static class WebhookEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/api/webhooks", TaskAccess.Handle(ListAsync)).RequirePermission(Permissions.SystemSettingsView)
            .WithTags("Settings").WithSummary("Webhooks with their newest delivery (the secret is never returned)");
        group.MapPost("/api/webhooks", TaskAccess.Handle(CreateAsync)).RequirePermission(Permissions.SystemSettingsUpdate)
            .WithTags("Settings").WithSummary("Create a webhook for task.failed, task.completed and queue.stalled, signed with its secret")
            .WithBody<CreateWebhookRequest>();
        group.MapDelete("/api/webhooks/{id}", TaskAccess.Handle(DeleteAsync)).RequirePermission(Permissions.SystemSettingsUpdate)
            .WithTags("Settings").WithSummary("Delete a webhook and its deliveries");
        group.MapPost("/api/webhooks/{id}/test", TaskAccess.Handle(TestAsync)).RequirePermission(Permissions.SystemSettingsUpdate)
            .WithTags("Settings").WithSummary("Send a webhook.test event to the hook now");
    }

    private static async Task<ApiOk<ItemsDto<WebhookDto>>> ListAsync(HttpContext context)
    {
        var hooks = await context.RequestServices.GetRequiredService<IWebhookStore>().ListWebhooksAsync(context.RequestAborted);
        return ApiResults.Ok(new ItemsDto<WebhookDto>([.. hooks.Select(WebhookDto.From)]));
    }

    private static async Task<Results<ApiCreated<WebhookDto>, ApiProblem>> CreateAsync(HttpContext context)
    {
        var (body, error) = await RequestBody.ReadAsync<CreateWebhookRequest>(context);
        if (error is not null) return error;
        var (hook, field, message) = await WebhookOperations.CreateAsync(context, body!);
        if (hook is null) return Problems.BadRequest(field!, message!);
        return ApiResults.Created(context, hook.Id, WebhookDto.From(hook));
    }

    private static async Task<Results<NoContent, ApiProblem>> DeleteAsync(HttpContext context)
    {
        var (id, bad) = TaskAccess.ParseId(context);
        if (bad is not null) return bad;
        return await WebhookOperations.DeleteAsync(context, id) ? TypedResults.NoContent() : Problems.NotFound("webhook");
    }

    private static async Task<Results<ApiAccepted<WebhookTestDto>, ApiProblem>> TestAsync(HttpContext context)
    {
        var (id, bad) = TaskAccess.ParseId(context);
        if (bad is not null) return bad;
        return await WebhookOperations.TestAsync(context, id) is { } delivery
            ? ApiResults.Accepted(new WebhookTestDto(delivery))
            : Problems.NotFound("webhook");
    }

}
