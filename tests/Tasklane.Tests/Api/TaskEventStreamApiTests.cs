using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Tasklane.Tests.Api;

/// <summary>
/// The task event stream on <c>TypedResults.ServerSentEvents</c>: its headers, every log line across the store's
/// batches in order with its id, the final status last, and a client that leaves mid-stream ends it quietly.
/// </summary>
public sealed class TaskEventStreamApiTests : IAsyncLifetime
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
    public async Task Events_MoreLinesThanOneBatch_AllInOrderWithIdsThenTheFinalStatus()
    {
        var id = await ApiHost.CreateTaskAsync(_admin, new { worker = "sleep", action = "chatter", data = new { lines = 1200 } });
        await ApiHost.WaitForStatusAsync(_admin, id, "completed");
        using var timeout = new CancellationTokenSource(ApiHost.Timeout);

        using var response = await _admin.GetAsync($"/api/tasks/{id}/events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-cache", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal("no", response.Headers.GetValues("X-Accel-Buffering").Single());
        var events = Parse(await response.Content.ReadAsStringAsync(timeout.Token));

        // Every stored line (the 1,200 and the engine's own), across the stream's 500-line batches, in order.
        var stored = await _host.Store.GetLogsAsync(id, 0, 5000, CancellationToken.None);
        Assert.True(stored.Count >= 1200, $"{stored.Count} lines stored");
        var logs = events.Where(e => e.Name == "log").ToList();
        Assert.Equal(stored.Select(l => l.Seq), logs.Select(e => long.Parse(e.Id!, CultureInfo.InvariantCulture)));
        Assert.Equal(stored.Select(l => l.Seq), logs.Select(e => e.Data.GetProperty("seq").GetInt64()));
        Assert.Contains(logs, e => e.Data.GetProperty("message").GetString() == "line 1200 <b>&</b>");
        // Logs first, then the status (snake_case members) and progress of the finished task; nothing after them.
        var tail = events.Skip(logs.Count).ToList();
        Assert.Equal(new[] { "status", "progress" }, tail.Select(e => e.Name));
        Assert.Equal("completed", tail[0].Data.GetProperty("status").GetString());
        Assert.True(tail[0].Data.TryGetProperty("cancel_requested", out _));
        Assert.All(tail, e => Assert.Null(e.Id));
    }

    [Fact]
    public async Task Events_ClientLeavesMidStream_StreamEndsWithoutAnErrorLogged()
    {
        var id = await ApiHost.CreateTaskAsync(_admin, new { worker = "sleep", action = "forever" });
        await ApiHost.WaitForStatusAsync(_admin, id, "running");
        using (var timeout = new CancellationTokenSource(ApiHost.Timeout))
        {
            using var response = await _admin.GetAsync($"/api/tasks/{id}/events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var reader = new StreamReader(body);
            // Read up to the first status event, then hang up while the stream waits for the next change.
            while (await reader.ReadLineAsync(timeout.Token) is { } line && line != "event: status")
            {
            }
        }
        using (var cancel = await _admin.PostAsync($"/api/tasks/{id}/cancel", null))
        {
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        }
        await ApiHost.WaitForStatusAsync(_admin, id, "cancelled");
        Assert.True(_host.Logs.Errors.Count == 0, "logged: " + string.Join("\n", _host.Logs.Errors));
    }

    private sealed record Event(string Name, string? Id, JsonElement Data);

    private static List<Event> Parse(string body) =>
    [
        .. body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(block =>
        {
            var lines = block.Split('\n');
            string Field(string name) => lines.FirstOrDefault(l => l.StartsWith(name + ": ", StringComparison.Ordinal))?[(name.Length + 2)..]!;
            return new Event(Field("event"), Field("id"), JsonDocument.Parse(Field("data")).RootElement.Clone());
        }),
    ];
}
