using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tasklane.Examples;

/// <summary>A receiver of Tasklane webhooks in another ASP.NET Core app, and the webhook options of a Tasklane host.</summary>
public static class WebhookReceiverExample
{
    public static void MapReceiver(WebApplication app, string secret)
    {
        // snippet: webhook-verify
        app.MapPost("/hooks/tasklane", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();   // the exact bytes: verify before parsing
            if (!IsSigned(request.Headers["Tasklane-Signature"].ToString(), body, secret)) return Results.Unauthorized();
            // ... parse the JSON, drop a repeated "id", act on "event"
            return Results.Ok();
        });

        static bool IsSigned(string header, byte[] body, string secret)
        {
            // "t=1764640000,v1=5f0c…": HMAC-SHA256 of "<t>.<body>" keyed with the hook's secret, lower-case hex.
            var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToLookup(p => p[0], p => p[1]);
            if (!long.TryParse(parts["t"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var t)) return false;
            if (Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - t) > 300) return false;   // refuse replays older than 5 minutes
            byte[] signed = [.. Encoding.UTF8.GetBytes(parts["t"].First() + "."), .. body];
            var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
            var expected = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(mac));
            return parts["v1"].Any(v => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(v), expected));
        }
        // end snippet
    }

    public static void Configure(WebApplicationBuilder builder)
    {
        // snippet: webhook-options
        builder.Services.AddTasklaneHttp(o =>
        {
            o.Webhooks.StalledAfter = TimeSpan.FromMinutes(10);   // queue.stalled: a due task waited 10 minutes
            o.Webhooks.Timeout = TimeSpan.FromSeconds(5);         // per POST; no answer in time is a failure
            o.Webhooks.RetryFor = TimeSpan.FromHours(24);         // then the delivery is given up
        });
        // end snippet
    }
}
