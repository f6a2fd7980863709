using System.Data.Common;
using Microsoft.AspNetCore.Http;

namespace Tasklane.AspNetCore;

/// <summary>
/// Wraps the host pipeline for requests under a Tasklane prefix: adds the security headers and turns
/// bodiless error responses (unknown route 404, 405, 401 from elsewhere) into problem+json, a store that
/// does not answer into 503, and a request body the framework cannot read into 400.
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

        try
        {
            await next(context);
        }
        catch (DbException ex) when (!context.Response.HasStarted)
        {
            // The store went away (an outage, a restart): a clear 503 the client may retry, never a 500.
            context.Response.Clear();
            context.Response.Headers.RetryAfter = "5";
            await Problems.Write(context, StatusCodes.Status503ServiceUnavailable, $"The task store does not answer: {ex.Message}");
            return;
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            // A body that cannot be read (a form past its limits, a broken multipart body, one that ends early),
            // read by the framework rather than by a handler (the anti-forgery check reads forms): the client's fault.
            context.Response.Clear();
            var status = ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest;
            await Problems.Write(context, status, $"The request body cannot be read: {ex.Message}");
            return;
        }

        var response = context.Response;
        if (!response.HasStarted && response.StatusCode >= 400 && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
        {
            await Problems.Write(context, response.StatusCode);
        }
    }
}
