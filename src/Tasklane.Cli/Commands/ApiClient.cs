using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tasklane.Cli.Commands;

/// <summary>
/// The CLI's client of a Tasklane server's HTTP API. Every failure becomes a <see cref="CliException"/> with one line
/// and its exit code: a problem answer with its detail and field, 401 and 403 with what to do, a route the server
/// does not have, and a server that cannot be reached or does not answer in time.
/// </summary>
internal sealed class ApiClient(Uri server, string? token) : IDisposable
{
    /// <summary>How long a request (not a stream) may take.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http = Create(server, token);

    public Uri Server { get; } = server;

    /// <summary>
    /// Sends a JSON request and returns the JSON answer (an empty object for an empty one); <paramref name="subject"/>
    /// names what the path names ("task 42"), for a 404's message.
    /// </summary>
    public async Task<JsonNode> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken, string? subject = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await SendCoreAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token, cancellationToken);
        var text = await ReadAsync(response, timeout.Token, cancellationToken);
        if (!response.IsSuccessStatusCode) throw Refusal(method, path, response, text, subject);
        if (string.IsNullOrWhiteSpace(text)) return new JsonObject();
        try
        {
            return JsonNode.Parse(text) ?? new JsonObject();
        }
        catch (JsonException)
        {
            throw new CliException($"the server at {Server} answered {method} /{path.TrimStart('/')} with something that is not JSON: is it a Tasklane server?");
        }
    }

    public Task<JsonNode> GetAsync(string path, CancellationToken cancellationToken, string? subject = null) =>
        SendAsync(HttpMethod.Get, path, null, cancellationToken, subject);

    /// <summary>A download: its bytes and the file name the server suggests.</summary>
    public async Task<(byte[] Content, string? FileName)> DownloadAsync(string path, CancellationToken cancellationToken, string? subject = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, path.TrimStart('/'));
        using var response = await SendCoreAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token, cancellationToken);
        if (!response.IsSuccessStatusCode) throw Refusal(HttpMethod.Get, path, response, await ReadAsync(response, timeout.Token, cancellationToken), subject);
        var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token);
        var name = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName;
        return (bytes, name?.Trim('"'));
    }

    /// <summary>Opens a long response (Server-Sent Events); its headers within the request timeout, its body open-ended.</summary>
    public async Task<HttpResponseMessage> OpenStreamAsync(string path, string? lastEventId, CancellationToken cancellationToken, string? subject = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, path.TrimStart('/'));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await SendCoreAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token, cancellationToken);
        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            throw Refusal(HttpMethod.Get, path, response, await ReadAsync(response, timeout.Token, cancellationToken), subject);
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendCoreAsync(
        HttpRequestMessage request, HttpCompletionOption completion, CancellationToken timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, completion, timeout);
        }
        catch (HttpRequestException ex)
        {
            throw Unreachable(ex);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException($"the server at {Server} did not answer within {RequestTimeout.TotalSeconds:0} s", ExitCodes.Unreachable);
        }
    }

    private async Task<string> ReadAsync(HttpResponseMessage response, CancellationToken timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadAsStringAsync(timeout);
        }
        catch (HttpRequestException ex)
        {
            throw Unreachable(ex);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException($"the server at {Server} did not finish its answer within {RequestTimeout.TotalSeconds:0} s", ExitCodes.Unreachable);
        }
    }

    /// <summary>A connection that failed: refused, unknown host, reset, TLS.</summary>
    public CliException Unreachable(HttpRequestException ex)
    {
        var reason = ex.InnerException switch
        {
            SocketException socket => socket.Message,
            IOException io => io.Message,
            { } inner => inner.Message,
            null => ex.Message,
        };
        return new CliException($"cannot reach the server at {Server}: {reason} (set --server or TASKLANE_SERVER)", ExitCodes.Unreachable);
    }

    private CliException Refusal(HttpMethod method, string path, HttpResponseMessage response, string text, string? subject)
    {
        JsonNode? json = null;
        try { json = string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text); }
        catch (JsonException) { }
        var status = (int)response.StatusCode;
        var detail = json is JsonObject ? (string?)json["detail"] : null;
        var field = json is JsonObject ? (string?)json["field"] : null;
        var route = $"{method} /{path.Split('?')[0].TrimStart('/')}";
        var (message, exit) = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => (
                $"401 not signed in, or the token expired or was revoked: run `tasklane login` or set --token/TASKLANE_TOKEN (server {Server})",
                ExitCodes.Unauthenticated),
            HttpStatusCode.Forbidden => ($"403 forbidden: {detail ?? "this user lacks the permission"} ({route})", ExitCodes.Forbidden),
            // A 404 or 405 without a detail is the server's router: it has no such route (an older server).
            HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed when detail is null => (
                $"{status} the server at {Server} has no route {route}: it may be older than this CLI", ExitCodes.Refused),
            HttpStatusCode.NotFound when subject is not null => ($"404 {subject} not found", ExitCodes.Refused),
            _ => ($"{status} {detail ?? (string?)json?["title"] ?? response.ReasonPhrase}{(field is null ? "" : $" (field: {field})")}", ExitCodes.Refused),
        };
        return new CliException(message, exit) { Status = status };
    }

    private static HttpClient Create(Uri server, string? token)
    {
        var http = new HttpClient { BaseAddress = server, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("tasklane-cli", typeof(ApiClient).Assembly.GetName().Version?.ToString() ?? "0"));
        if (!string.IsNullOrEmpty(token)) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
