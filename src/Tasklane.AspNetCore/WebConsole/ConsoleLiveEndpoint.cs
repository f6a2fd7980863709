using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Tasklane.AspNetCore.WebConsole;

/// <summary>
/// <c>GET {prefix}/live</c>: the console page's change signal, as Server-Sent Events. Each <c>changed</c> event (its id
/// the feed's stamp) tells the page to fetch its live fragments again; the event carries no data, so what a user may see
/// is decided by the fragment requests, as for any page. Events are at most one per <see cref="ConsoleChangeFeed.Tick"/>.
/// The stream starts from the page's stamp (<c>?stamp=</c>) or, on a reconnect, from <c>Last-Event-ID</c>, so a change
/// made in between is signalled at once. It closes after <see cref="Lifetime"/>; the browser reconnects, and the
/// session is checked again (signed out: 401, and the browser stops).
/// </summary>
internal static class ConsoleLiveEndpoint
{
    /// <summary>How long one stream stays open before the browser reconnects.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/live", TaskAccess.Handle(StreamAsync)).RequireAuthorization(TasklaneClaims.AuthenticatedPolicy).ExcludeFromDescription();

    private static async Task<IResult> StreamAsync(HttpContext http)
    {
        var auth = await http.AuthenticateAsync(TasklaneClaims.Scheme);
        if (!auth.Succeeded || auth.Principal is null) return Problems.Status(StatusCodes.Status401Unauthorized, "Sign in to follow the console's changes.");
        var seen = http.Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } last ? last : http.Request.Query["stamp"].ToString();
        var feed = http.RequestServices.GetRequiredService<ConsoleChangeFeed>();
        var time = http.RequestServices.GetRequiredService<TimeProvider>();
        var response = http.Response;
        ConsolePageResult.SecurityHeaders(response);
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        using var lifetime = new CancellationTokenSource(Lifetime, time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.Token);
        try
        {
            // The page's own stamp is the stream's last event id, so that a reconnect before any event starts from it too.
            await response.WriteAsync("retry: 1000\n" + (seen.Length > 0 && !seen.Contains('\n', StringComparison.Ordinal) ? "id: " + seen + "\n" : "") + "\n", stop.Token);
            await response.Body.FlushAsync(stop.Token);
            while (true)
            {
                seen = await feed.NextAsync(seen, stop.Token);
                await response.WriteAsync("id: " + seen + "\nevent: changed\ndata: \n\n", stop.Token);
                await response.Body.FlushAsync(stop.Token);
                // Changes in the next tick are told together.
                await Task.Delay(ConsoleChangeFeed.Tick, time, stop.Token);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The page went away, or the stream's time is up.
        }
        return TypedResults.Empty;
    }
}
