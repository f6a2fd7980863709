using System.Text.Json;

namespace Tasklane.AspNetCore;

/// <summary>The API's JSON: snake_case, enums as lower-case strings, UTC times, unknown request members refused.</summary>
internal static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(TasklaneJson.Options);
        options.Converters.Insert(0, new UtcDateTimeOffsetConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
