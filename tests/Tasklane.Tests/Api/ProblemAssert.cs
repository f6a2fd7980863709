using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tasklane.Tests.Api;

/// <summary>Checks that a response is an RFC 7807 problem with the status (and field) expected.</summary>
internal static class ProblemAssert
{
    public static async Task<JsonElement> IsAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<JsonElement>(text);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (field is not null)
        {
            Assert.Equal(field, problem.GetProperty("field").GetString());
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors does not name {field}: {text}");
        }
        return problem;
    }

    public static Task<JsonElement> IsAsync(Task<HttpResponseMessage> response, HttpStatusCode status, string? field = null) =>
        response.ContinueWith(r => IsAsync(r.Result, status, field), TaskScheduler.Default).Unwrap();
}
