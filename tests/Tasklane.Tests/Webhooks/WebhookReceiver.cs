using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Webhooks;

/// <summary>
/// A real HTTP listener (Kestrel on 127.0.0.1, a free port) that records every webhook POST it gets, byte for byte,
/// and answers with the statuses it was told, in order (then 200).
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<ReceivedHook> _received = [];
    private readonly Queue<int> _answers;

    private WebhookReceiver(WebApplication app, IEnumerable<int> answers)
    {
        _app = app;
        _answers = new Queue<int>(answers);
    }

    /// <summary>The URL hooks are sent to (path <c>/hook</c>).</summary>
    public string Url { get; private set; } = "";

    public IReadOnlyList<ReceivedHook> Received { get { lock (_received) return [.. _received]; } }

    /// <param name="answers">The statuses of the first answers, in order; every later one is 200.</param>
    public static async Task<WebhookReceiver> StartAsync(params int[] answers)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, answers);
        app.MapPost("/hook", (Delegate)receiver.ReceiveAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Url = address.TrimEnd('/') + "/hook";
        return receiver;
    }

    /// <summary>Waits until a received hook matches <paramref name="match"/>, and returns it.</summary>
    public async Task<ReceivedHook> WaitForAsync(Func<ReceivedHook, bool> match, string because, TimeSpan? timeout = null)
    {
        ReceivedHook? found = null;
        await Eventually.TrueAsync(() => (found = Received.FirstOrDefault(match)) is not null, timeout ?? TimeSpan.FromSeconds(30), because);
        return found!;
    }

    private async Task<IResult> ReceiveAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        int status;
        lock (_received)
        {
            status = _answers.Count > 0 ? _answers.Dequeue() : StatusCodes.Status200OK;
            _received.Add(new ReceivedHook(
                context.Request.Headers["Tasklane-Event"].ToString(),
                context.Request.Headers["Tasklane-Delivery"].ToString(),
                context.Request.Headers[WebhookSignature.HeaderName].ToString(),
                context.Request.ContentType,
                body.ToArray(),
                status));
        }
        return Results.StatusCode(status);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One POST the receiver got, and the status it answered.</summary>
internal sealed record ReceivedHook(string Event, string Delivery, string Signature, string? ContentType, byte[] Body, int AnsweredWith)
{
    public System.Text.Json.JsonElement Json => System.Text.Json.JsonDocument.Parse(Body).RootElement;

    public override string ToString() => $"{Event} #{Delivery} → {AnsweredWith}: {System.Text.Encoding.UTF8.GetString(Body)}";
}
