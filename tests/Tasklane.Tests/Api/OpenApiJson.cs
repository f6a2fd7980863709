using System.Text.Json.Nodes;

namespace Tasklane.Tests.Api;

/// <summary>Reads a generated OpenAPI document as JSON: schemas through their <c>$ref</c>s and nullable wrappers.</summary>
internal static class OpenApiJson
{
    /// <summary>
    /// The schema itself: a <c>$ref</c> followed into <c>components/schemas</c>, and a nullable wrapper
    /// (<c>oneOf</c>/<c>anyOf</c> of <c>null</c> and the schema) unwrapped.
    /// </summary>
    public static JsonObject Resolve(JsonObject document, JsonNode? schema)
    {
        var node = schema as JsonObject ?? [];
        for (var depth = 0; depth < 20; depth++)
        {
            if ((string?)node["$ref"] is { } reference)
            {
                var name = reference[(reference.LastIndexOf('/') + 1)..];
                node = document["components"]?["schemas"]?[name] as JsonObject
                    ?? throw new InvalidOperationException($"{reference} is not in components/schemas");
                continue;
            }
            var choices = (node["oneOf"] ?? node["anyOf"]) as JsonArray;
            var notNull = choices?.OfType<JsonObject>().Where(c => (string?)c["type"] != "null").ToList();
            if (notNull is [var only])
            {
                node = only;
                continue;
            }
            return node;
        }
        throw new InvalidOperationException("The schema's $refs go round in circles.");
    }

    /// <summary>The schema of the JSON answer of <paramref name="operation"/> with <paramref name="status"/>.</summary>
    public static JsonObject Answer(JsonObject document, JsonNode operation, string status) =>
        Resolve(document, operation["responses"]?[status]?["content"]?["application/json"]?["schema"]
            ?? throw new InvalidOperationException($"no JSON answer {status}"));

    /// <summary>The member names of an object schema.</summary>
    public static IEnumerable<string> Members(JsonObject document, JsonNode? schema) =>
        (Resolve(document, schema)["properties"] as JsonObject)?.Select(p => p.Key) ?? [];
}
