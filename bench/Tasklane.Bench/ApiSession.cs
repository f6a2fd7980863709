using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tasklane.Bench;

/// <summary>One signed-in user of a <c>tasklane serve</c> child: a bearer token and timed GETs.</summary>
internal sealed class ApiSession : IDisposable
{
    private readonly HttpClient http;

    private ApiSession(HttpClient http, long userId)
    {
        this.http = http;
        UserId = userId;
    }

    public long UserId { get; }

    public static async Task<ApiSession> SignInAsync(Uri address, string username, string password, CancellationToken cancellationToken)
    {
        var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        using var response = await http.PostAsJsonAsync("/api/auth/login", new { username, password }, cancellationToken);
        var body = await ReadAsync(response, cancellationToken);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("token").GetString());
        return new ApiSession(http, body.GetProperty("user").GetProperty("id").GetInt64());
    }

    /// <summary>Sends a JSON body and returns the answer's JSON; throws on a status other than 2xx.</summary>
    public async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await http.SendAsync(request, cancellationToken);
        return await ReadAsync(response, cancellationToken);
    }

    /// <summary>The wall time of one GET, body read included, in milliseconds; throws on a status other than 2xx.</summary>
    public async Task<double> TimeGetAsync(string path, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"GET {path}: {(int)response.StatusCode} {Shorten(text)}");
        return elapsed;
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: {(int)response.StatusCode} {Shorten(text)}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;

    public void Dispose() => http.Dispose();
}
