using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Api;

/// <summary>The log export streams page by page (no whole log in memory, no Content-Length), in both formats and both log storages.</summary>
public sealed class LogExportApiTests : IAsyncLifetime
{
    private const int Lines = 2_500;
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

    private async Task<long> ChattyTaskAsync()
    {
        var id = await ApiHost.CreateTaskAsync(_admin, new { worker = "sleep", action = "chatter", data = new { lines = Lines } });
        await ApiHost.WaitForStatusAsync(_admin, id, "completed");
        return id;
    }

    private async Task<List<string>> MessagesAsync(long id)
    {
        var messages = new List<string>();
        long after = 0;
        while (true)
        {
            var page = await _admin.GetFromJsonAsync<JsonElement>($"/api/tasks/{id}/logs?after={after}&limit=5000");
            var items = page.GetProperty("items").EnumerateArray().ToList();
            if (items.Count == 0) return messages;
            messages.AddRange(items.Select(i => i.GetProperty("message").GetString()!));
            after = page.GetProperty("last_seq").GetInt64();
        }
    }

    [Theory]
    [InlineData("database")]
    [InlineData("file")]
    public async Task Export_LogOfManyPages_StreamsEveryLineInOrder(string storage)
    {
        var id = await ChattyTaskAsync();
        if (storage == "file")
        {
            (await _admin.PutAsJsonAsync("/api/system/task-settings", new { task_log_storage_backend = "file" })).EnsureSuccessStatusCode();
            await _host.Services.GetRequiredServiceOf<LogArchiver>().ArchiveOnceAsync(CancellationToken.None);
            Assert.Empty(await _host.Store.GetLogsAsync(id, 0, 10, CancellationToken.None));
        }
        var expected = await MessagesAsync(id);
        Assert.True(expected.Count >= Lines);

        using var text = await _admin.GetAsync($"/api/tasks/{id}/logs/export?format=text", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, text.StatusCode);
        Assert.Null(text.Content.Headers.ContentLength);
        Assert.Equal($"task-{id}-log.txt", text.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var rows = (await text.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.Equal(expected, rows.Select(r => r.Split('|', 7)[6]));

        using var html = await _admin.GetAsync($"/api/tasks/{id}/logs/export", HttpCompletionOption.ResponseHeadersRead);
        Assert.Null(html.Content.Headers.ContentLength);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        var page = await html.Content.ReadAsStringAsync();
        Assert.Equal(expected.Count, page.Split("<td class=\"m\">").Length - 1);
        Assert.Contains("line 2500 &lt;b&gt;&amp;&lt;/b&gt;", page, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", page, StringComparison.Ordinal);
    }
}
