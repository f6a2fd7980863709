using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tasklane.Cli.Commands;

/// <summary>The CLI's client of a Tasklane server's HTTP API; a problem answer becomes an error with its detail.</summary>
internal sealed class ApiClient(string server, string? token) : IDisposable
{
    private readonly HttpClient _http = Create(server, token);

    public async Task<JsonNode> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonNode? json = null;
        try { json = string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text); }
        catch (JsonException) { }
        if (!response.IsSuccessStatusCode)
        {
            var detail = (string?)json?["detail"] ?? (string?)json?["title"] ?? response.ReasonPhrase;
            var field = (string?)json?["field"];
            throw new CliException($"{(int)response.StatusCode} {detail}{(field is null ? "" : $" (field: {field})")}");
        }
        return json ?? new JsonObject();
    }

    public void Dispose() => _http.Dispose();

    private static HttpClient Create(string server, string? token)
    {
        var http = new HttpClient { BaseAddress = new Uri(server.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(30) };
        if (!string.IsNullOrEmpty(token)) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}

/// <summary>An error to show the user in one line, without a stack trace.</summary>
internal sealed class CliException(string message) : Exception(message);
