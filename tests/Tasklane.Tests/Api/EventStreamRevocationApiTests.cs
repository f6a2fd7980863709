using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tasklane.Tests.Api;

/// <summary>A task's event stream ends soon after the token it was opened with stops being good enough to open it.</summary>
public sealed class EventStreamRevocationApiTests : IAsyncLifetime
{
    private static readonly TimeSpan Closes = TimeSpan.FromSeconds(10);
    private ApiHost _host = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync(o => o.EventStreamRecheckInterval = TimeSpan.FromMilliseconds(200));
        _admin = await _host.AdminAsync();
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Logout_ClosesTheStream()
    {
        using var otto = await _host.UserAsync("otto", "operator");
        await using var stream = await OpenAsync(otto, await RunForeverAsync(otto));

        Assert.Equal(HttpStatusCode.NoContent, (await otto.PostAsync("/api/auth/logout", null)).StatusCode);

        await stream.ClosesAsync();
    }

    [Fact]
    public async Task Disable_ClosesTheStream()
    {
        using var otto = await _host.UserAsync("otto", "operator");
        await using var stream = await OpenAsync(otto, await RunForeverAsync(otto));

        Assert.Equal(HttpStatusCode.OK, (await _admin.PutAsJsonAsync($"/api/users/{await MeAsync(otto)}", new { disabled = true })).StatusCode);

        await stream.ClosesAsync();
    }

    [Fact]
    public async Task PasswordChange_ClosesTheStream()
    {
        using var otto = await _host.UserAsync("otto", "operator");
        await using var stream = await OpenAsync(otto, await RunForeverAsync(otto));

        Assert.Equal(HttpStatusCode.OK, (await _admin.PutAsJsonAsync($"/api/users/{await MeAsync(otto)}", new { password = "a-new-secret-9" })).StatusCode);

        await stream.ClosesAsync();
    }

    [Fact]
    public async Task PermissionLoss_ClosesTheStream()
    {
        // Ann sees the admin's task only through task:view_all; as an operator she no longer may.
        using var ann = await _host.UserAsync("ann", "admin");
        await using var stream = await OpenAsync(ann, await RunForeverAsync(_admin));

        Assert.Equal(HttpStatusCode.OK, (await _admin.PutAsJsonAsync($"/api/users/{await MeAsync(ann)}", new { role = "operator" })).StatusCode);

        await stream.ClosesAsync();
    }

    [Fact]
    public async Task NothingChanged_StreamGoesOnUntilTheTaskEnds()
    {
        using var otto = await _host.UserAsync("otto", "operator");
        var id = await RunForeverAsync(otto);
        await using var stream = await OpenAsync(otto, id);

        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(stream.Body.IsCompleted, "the stream closed although its token is still good");
        Assert.Equal(HttpStatusCode.OK, (await otto.PostAsync($"/api/tasks/{id}/cancel", null)).StatusCode);

        var body = await stream.Body.WaitAsync(Closes);
        Assert.Contains("\"status\":\"cancelled\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("event: end", body, StringComparison.Ordinal);
    }

    private static async Task<long> RunForeverAsync(HttpClient client)
    {
        var id = await ApiHost.CreateTaskAsync(client, new { worker = "sleep", action = "forever" });
        await ApiHost.WaitForStatusAsync(client, id, "running");
        return id;
    }

    private static async Task<OpenStream> OpenAsync(HttpClient client, long id)
    {
        var cancel = new CancellationTokenSource(ApiHost.Timeout);
        var response = await client.GetAsync($"/api/tasks/{id}/events", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new OpenStream(response, cancel, response.Content.ReadAsStringAsync(cancel.Token));
    }

    private static async Task<long> MeAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("id").GetInt64();

    private sealed record OpenStream(HttpResponseMessage Response, CancellationTokenSource Cancel, Task<string> Body) : IAsyncDisposable
    {
        /// <summary>The server ends the stream (an <c>end</c> event, then the close) while the task is still running.</summary>
        public async Task ClosesAsync()
        {
            var body = await Body.WaitAsync(Closes);
            Assert.Contains("event: end", body, StringComparison.Ordinal);
            Assert.DoesNotContain("\"status\":\"cancelled\"", body, StringComparison.Ordinal);
        }

        public async ValueTask DisposeAsync()
        {
            await Cancel.CancelAsync();
            try
            {
                await Body;
            }
            catch (OperationCanceledException)
            {
                // The test is done with a stream that was still open.
            }
            Response.Dispose();
            Cancel.Dispose();
        }
    }
}
