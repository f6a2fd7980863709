using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.EndToEnd;

/// <summary>
/// <c>tasklane serve</c> wires the host's side of observability itself: a fresh node's <c>/metrics</c> has every
/// series it can know at 0 and names the service; <c>/healthz</c> gives the health-check summary.
/// </summary>
[Collection("Processes")]
public sealed class ServeMetricsTests
{
    [Fact]
    public async Task FreshServe_MetricsHaveEverySeriesAtZero_AndTheServiceName()
    {
        using var directory = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(directory.DatabasePath);

        var text = await Eventually.ValueAsync(async () => await serve.Http.GetStringAsync("metrics"),
            t => Regex.IsMatch(t, "task_queue_length\\{[^}]*queue=\"default\"[^}]*\\} 0"),
            TimeSpan.FromSeconds(30), "the first sample of the queue lengths");

        // No task was ever created: the counters exist for every registered worker action, at 0.
        Assert.Matches("task_queue_overflow_total\\{[^}]*action=\"echo\"[^}]*queue=\"default\"[^}]*worker=\"demo\"[^}]*\\} 0", text);
        Assert.Matches("task_created_total\\{[^}]*action=\"sleep\"[^}]*worker=\"demo\"[^}]*\\} 0", text);
        Assert.Matches("target_info\\{[^}]*service_name=\"tasklane\"", text);
        Assert.DoesNotContain("unknown_service", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_Healthz_IsTheHealthCheckSummary()
    {
        using var directory = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(directory.DatabasePath);

        var response = await serve.Http.GetAsync("healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.Equal("healthy", body.GetProperty("checks").GetProperty(TasklaneHealthChecks.Heartbeat).GetProperty("status").GetString());
    }
}
