using Microsoft.AspNetCore.Http;

namespace Tasklane.AspNetCore;

/// <summary>
/// Wraps the host pipeline for requests under a Tasklane prefix: adds the security headers and turns
/// bodiless error responses (unknown route 404, 405, 401 from elsewhere) into problem+json.
/// </summary>
internal sealed class TasklaneHttpMiddleware(RequestDelegate next, TasklanePrefixes prefixes)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!prefixes.Matches(context.Request.PathBase + context.Request.Path))
        {
            await next(context);
            return;
        }
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpContext)state).Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            return Task.CompletedTask;
        }, context);

        await next(context);

        var response = context.Response;
        if (!response.HasStarted && response.StatusCode >= 400 && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
        {
            await Problems.Write(context, response.StatusCode);
        }
    }
}
