using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Tasklane.AspNetCore.WebConsole;

/// <summary>
/// Reads a console form (sign-in, sign-out) within small limits: a handful of short fields. Anyone can post to
/// these routes, so a body that is not a form (415), too large, has too many fields or is cut short (400) is a
/// problem answer, never an exception and never a buffer of megabytes.
/// </summary>
internal static class ConsoleForm
{
    /// <summary>The limits of a console form: a few fields of a few kilobytes.</summary>
    public static readonly FormOptions Limits = new()
    {
        ValueCountLimit = 16,
        KeyLengthLimit = 256,
        ValueLengthLimit = 16 * 1024,
        MultipartBodyLengthLimit = 64 * 1024,
        MultipartHeadersCountLimit = 8,
        MultipartHeadersLengthLimit = 4 * 1024,
        BufferBody = false,
    };

    /// <summary>The form, or the problem answer for a body that is not one within <see cref="Limits"/>.</summary>
    public static async Task<(IFormCollection? Form, IResult? Error)> ReadAsync(HttpContext http)
    {
        if (!http.Request.HasFormContentType)
        {
            return (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Send the form as application/x-www-form-urlencoded or multipart/form-data."));
        }
        try
        {
            return (await http.Request.ReadFormAsync(Limits, http.RequestAborted), null);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException && !http.RequestAborted.IsCancellationRequested)
        {
            // InvalidDataException: a limit was passed or the multipart body is malformed; IOException
            // (BadHttpRequestException among them): the body ended early or broke a server limit.
            return (null, Problems.Status(StatusCodes.Status400BadRequest, $"The form cannot be read: {ex.Message}"));
        }
    }
}
