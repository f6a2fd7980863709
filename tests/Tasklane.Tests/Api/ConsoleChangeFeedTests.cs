using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Tasklane.AspNetCore.WebConsole;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Api;

/// <summary>
/// The console's change signal (<c>GET /live</c>): many open pages share one store read per tick, and a change reaches
/// every one of them. The reads are counted by the feed itself, as <see cref="TaskEventStreamsApiTests"/> counts the
/// task watcher's; the store behind it is the real SQLite file.
/// </summary>
public sealed class ConsoleChangeFeedTests : IAsyncLifetime
{
    private ApiHost _host = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync();
        _admin = await _host.AdminAsync();
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Live_ThirtyOpenStreams_OneStoreReadPerTickAndEveryStreamToldOfAChange()
    {
        var feed = _host.Services.GetRequiredService<ConsoleChangeFeed>();
        using var timeout = new CancellationTokenSource(ApiHost.Timeout);
        var stamp = await feed.StampAsync(timeout.Token);
        var streams = new List<(HttpResponseMessage Response, StreamReader Reader)>();
        for (var i = 0; i < 30; i++)
        {
            var response = await _admin.GetAsync("/live?stamp=" + Uri.EscapeDataString(stamp), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            streams.Add((response, new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token))));
        }
        var before = feed.Queries;
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // Five ticks with thirty pages open: about five reads in all, where one per page per tick would be a hundred and fifty.
        await Eventually.TrueAsync(() => Task.FromResult(feed.Queries - before >= 5), TimeSpan.FromSeconds(20), "five feed ticks");
        var reads = feed.Queries - before;
        var ticks = clock.Elapsed / ConsoleChangeFeed.Tick;
        Assert.True(reads <= ticks + 2, $"{reads} store reads in {ticks:0.0} ticks with 30 pages open");

        // A task created through the API reaches every open page as a "changed" event.
        await ApiHost.CreateTaskAsync(_admin, new { worker = "sleep", action = "nap", data = new { seconds = 0 }, run_at = DateTimeOffset.UtcNow.AddHours(1) });
        foreach (var (_, reader) in streams) Assert.Equal("changed", await NextEventAsync(reader, timeout.Token));
        foreach (var (response, reader) in streams)
        {
            reader.Dispose();
            response.Dispose();
        }
    }

    [Fact]
    public async Task Live_PageStampOlderThanAChange_SignalsAtOnce()
    {
        var feed = _host.Services.GetRequiredService<ConsoleChangeFeed>();
        using var timeout = new CancellationTokenSource(ApiHost.Timeout);
        var stamp = await feed.StampAsync(timeout.Token);
        // Made after the page was rendered and before its stream opened.
        await ApiHost.CreateTaskAsync(_admin, new { worker = "sleep", action = "nap", data = new { seconds = 0 }, run_at = DateTimeOffset.UtcNow.AddHours(1) });
        using var response = await _admin.GetAsync("/live?stamp=" + Uri.EscapeDataString(stamp), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        Assert.Equal("changed", await NextEventAsync(reader, timeout.Token));
    }

    /// <summary>
    /// A pending task cancelled (from another tab, or by a bulk call) changes neither the newest id nor the running
    /// tasks, which the store's stamp follows: the cancel's notification tells the open pages at once.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Live_PendingTaskCancelled_Signalled(bool bulk)
    {
        var feed = _host.Services.GetRequiredService<ConsoleChangeFeed>();
        using var timeout = new CancellationTokenSource(ApiHost.Timeout);
        var id = await ApiHost.CreateTaskAsync(_admin, new { worker = "sleep", action = "nap", data = new { seconds = 0 }, run_at = DateTimeOffset.UtcNow.AddHours(1) });
        var stamp = await feed.StampAsync(timeout.Token);
        using var response = await _admin.GetAsync("/live?stamp=" + Uri.EscapeDataString(stamp), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        // The stream is open and the feed has read the store's stamp (the page's, unchanged) before the cancel.
        var before = feed.Queries;
        await Eventually.TrueAsync(() => Task.FromResult(feed.Queries > before), TimeSpan.FromSeconds(20), "a feed tick");

        var cancel = bulk
            ? await _admin.PostAsJsonAsync("/api/tasks/bulk", new { action = "cancel", ids = new[] { id } }, timeout.Token)
            : await _admin.PostAsync($"/api/tasks/{id}/cancel", null, timeout.Token);
        Assert.True(cancel.IsSuccessStatusCode, await cancel.Content.ReadAsStringAsync(timeout.Token));

        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        lifetime.CancelAfter(ConsoleLiveEndpoint.Lifetime - TimeSpan.FromSeconds(2));
        Assert.Equal("changed", await NextEventAsync(reader, lifetime.Token));
    }

    [Fact]
    public async Task Live_SignedOut_Unauthorized()
    {
        using var anonymous = _host.Anonymous();
        using var response = await anonymous.GetAsync("/live");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>The name of the next event with data on the stream.</summary>
    private static async Task<string> NextEventAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        string? name = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line["event: ".Length..];
            else if (line.StartsWith("data:", StringComparison.Ordinal) && name is not null) return name;
        }
        throw new InvalidOperationException("The stream ended without an event.");
    }
}
