using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Tasklane.AspNetCore;

/// <summary>Reads a JSON request body within the size limit; bad JSON becomes a 400 naming the field, too big a 413.</summary>
internal static class RequestBody
{
    /// <summary>The body as <typeparamref name="T"/>; an empty body gives <paramref name="empty"/> (or a 400 when null).</summary>
    public static async Task<(T? Value, ApiProblem? Error)> ReadAsync<T>(HttpContext context, T? empty = null)
        where T : class
    {
        var limit = context.RequestServices.GetRequiredService<IOptions<TasklaneHttpOptions>>().Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit) return (null, TooLarge(limit));
        var contentType = context.Request.ContentType;
        if (!string.IsNullOrEmpty(contentType) && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Send the body as application/json."));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit) return (null, TooLarge(limit));
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0 || IsBlank(buffer))
        {
            return empty is null ? (null, Problems.BadRequest("body", "A JSON body is required.")) : (empty, null);
        }

        if (!Utf8.IsValid(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
        {
            // System.Text.Json reads JSON elements lazily: a bad byte inside a string would pass here and become
            // U+FFFD (settings) or an exception (task data) later. Refuse it before anything reads it.
            var at = Utf8Offset(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            return (null, Problems.BadRequest("body", $"The body is not valid UTF-8 (byte {at})."));
        }

        try
        {
            buffer.Position = 0;
            var value = await JsonSerializer.DeserializeAsync<T>(buffer, ApiJson.Options, context.RequestAborted);
            return value is null ? (null, Problems.BadRequest("body", "The body must be a JSON object.")) : (value, null);
        }
        catch (JsonException ex)
        {
            var field = FieldOf(ex.Path);
            return (null, Problems.BadRequest(field, $"Invalid JSON at '{field}': {FirstSentence(ex.Message)}"));
        }
    }

    /// <summary><c>$.data.seconds</c> → <c>data.seconds</c>; <c>$</c> → <c>body</c>.</summary>
    public static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return "body";
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Length == 0 ? "body" : field;
    }

    /// <summary>The offset of the first byte that is not well-formed UTF-8.</summary>
    private static long Utf8Offset(ReadOnlySpan<byte> bytes)
    {
        var status = Utf8.ToUtf16(bytes, new char[bytes.Length], out var read, out _, replaceInvalidSequences: false);
        return status == OperationStatus.Done ? bytes.Length : read;
    }

    private static ApiProblem TooLarge(long limit) =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {limit} bytes.");

    private static bool IsBlank(MemoryStream buffer)
    {
        foreach (var b in buffer.GetBuffer().AsSpan(0, (int)buffer.Length))
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return false;
        }
        return true;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
