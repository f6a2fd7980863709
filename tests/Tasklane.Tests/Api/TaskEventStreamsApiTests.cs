using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Tasklane.AspNetCore;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Api;

/// <summary>Many open event streams share one store read per tick, and each still sees its own task change.</summary>
public sealed class TaskEventStreamsApiTests : IAsyncLifetime
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
    public async Task Events_ThirtyOpenStreams_OneStoreReadPerTickForAll()
    {
        var watcher = _host.Services.GetRequiredService<TaskWatcher>();
        var due = DateTimeOffset.UtcNow.AddHours(1);
        var ids = new List<long>();
        for (var i = 0; i < 30; i++) ids.Add(await ApiHost.CreateTaskAsync(_admin, new { worker = "sleep", action = "nap", data = new { seconds = 0 }, run_at = due }));
        using var timeout = new CancellationTokenSource(ApiHost.Timeout);
        var streams = new List<HttpResponseMessage>();
        foreach (var id in ids) streams.Add(await _admin.GetAsync($"/api/tasks/{id}/events", HttpCompletionOption.ResponseHeadersRead, timeout.Token));
        var before = watcher.Queries;
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // Ten ticks with thirty streams open: about ten reads in all, where one per stream per tick would be three hundred.
        await Eventually.TrueAsync(() => Task.FromResult(watcher.Queries - before >= 10));
        var reads = watcher.Queries - before;
        var ticks = clock.Elapsed / TaskWatcher.Tick;
        Assert.True(reads <= ticks + 2, $"{reads} store reads in {ticks:0.0} ticks with 30 streams open");

        // A change still reaches its stream: executing a task now ends its stream with the task completed.
        using (var run = await _admin.PostAsync($"/api/tasks/{ids[0]}/execute", null, timeout.Token))
        {
            run.EnsureSuccessStatusCode();
        }
        var body = await streams[0].Content.ReadAsStringAsync(timeout.Token);
        Assert.Contains("\"status\":\"completed\"", body, StringComparison.Ordinal);
        foreach (var stream in streams) stream.Dispose();
    }
}
