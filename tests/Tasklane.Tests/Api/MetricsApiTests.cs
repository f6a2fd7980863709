using System.Net;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Api;

public sealed class MetricsApiTests : IAsyncLifetime
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
    public async Task Metrics_AfterATaskRan_ExposesCreatedDurationQueueLengthAndOverflow()
    {
        _host.Services.GetRequiredServiceOf<TasklaneMetrics>().OverflowThreshold = 1;
        var id = await ApiHost.CreateTaskAsync(_admin, new { worker = "demo", action = "echo", data = new { message = "m" } });
        await ApiHost.WaitForStatusAsync(_admin, id, "completed");
        await ApiHost.CreateTaskAsync(_admin, new { worker = "demo", action = "echo", data = new { message = "later" }, queue = "metrics-q", run_at = DateTimeOffset.UtcNow.AddHours(1) });

        var text = await Eventually.ValueAsync(
            async () => await _host.Anonymous().GetStringAsync("/metrics"),
            // Only the gauge line will do: queue="metrics-q" also labels the created counter before the sampler runs.
            t => System.Text.RegularExpressions.Regex.IsMatch(t, "task_queue_length\\{[^}]*queue=\"metrics-q\"[^}]*\\} 1"),
            TimeSpan.FromSeconds(20), "the queue sampler to report the delayed task");

        Assert.Matches("task_created_total\\{[^}]*action=\"echo\"[^}]*worker=\"demo\"[^}]*\\} [1-9]", text);
        Assert.Matches("task_run_duration_seconds_bucket\\{[^}]*status=\"completed\"[^}]*worker=\"demo\"", text);
        await ApiHost.CreateTaskAsync(_admin, new { worker = "demo", action = "echo", data = new { message = "over" }, queue = "metrics-q", run_at = DateTimeOffset.UtcNow.AddHours(1) });
        // The exporter may answer from its short scrape cache: ask until the new sample shows.
        await Eventually.ValueAsync(async () => await _host.Anonymous().GetStringAsync("/metrics"),
            t => System.Text.RegularExpressions.Regex.IsMatch(t, "task_queue_overflow_total\\{[^}]*queue=\"metrics-q\"[^}]*\\} 1"),
            TimeSpan.FromSeconds(10), "the create into a queue over the threshold to count as an overflow");
    }

    [Fact]
    public async Task Metrics_WithAPermissionConfigured_RefusesAnonymousScrapes()
    {
        await using var host = await ApiHost.StartAsync(o => o.MetricsPermission = Permissions.StatsView);

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Anonymous().GetAsync("/metrics")).StatusCode);
        using var admin = await host.AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/metrics")).StatusCode);
    }
}
