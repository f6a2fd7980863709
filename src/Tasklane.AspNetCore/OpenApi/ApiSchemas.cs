using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Tasklane.AspNetCore;

/// <summary>
/// JSON schemas of the API's bodies and answers, read from the DTO records with the names the API writes
/// (snake_case, enums as snake_case strings); a test compares them with real answers.
/// </summary>
internal static class ApiSchemas
{
    /// <summary>The schema of an answer of <paramref name="operation"/>, or null when the catalog does not describe it.</summary>
    public static OpenApiSchema? Response(ApiOperation operation)
    {
        if (operation.Response is not { } type) return null;
        var item = Of(type);
        foreach (var (name, json) in operation.Extra) item.Properties![name] = Named(json);
        var answer = operation.Shape switch
        {
            ResponseShape.Array => new OpenApiSchema { Type = JsonSchemaType.Array, Items = item },
            ResponseShape.Items => Object(("items", new OpenApiSchema { Type = JsonSchemaType.Array, Items = item })),
            ResponseShape.Page => Object(
                ("items", new OpenApiSchema { Type = JsonSchemaType.Array, Items = item }),
                ("total", Named("integer")), ("current", Named("integer")), ("page_size", Named("integer")),
                ("total_capped", Named("boolean")), ("next_after_id", Named("integer"))),
            _ => item,
        };
        if (answer != item) foreach (var (name, json) in operation.Envelope) answer.Properties![name] = Named(json);
        return answer;
    }

    /// <summary>The schema of a value of <paramref name="type"/>.</summary>
    public static OpenApiSchema Of(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string)) return Named("string");
        if (t == typeof(int) || t == typeof(long)) return Named("integer");
        if (t == typeof(bool)) return Named("boolean");
        if (t == typeof(double)) return Named("number");
        if (t == typeof(DateTimeOffset)) return new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" };
        if (t.IsEnum)
        {
            return new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = [.. Enum.GetNames(t).Select(n => (JsonNode)JsonNamingPolicy.SnakeCaseLower.ConvertName(n))],
            };
        }
        if (t == typeof(JsonElement) || typeof(JsonNode).IsAssignableFrom(t) || t == typeof(object)) return new OpenApiSchema();
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)) return Named("object");
        if (t != typeof(string) && t.GetInterfaces().Append(t).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)) is { } enumerable)
        {
            return new OpenApiSchema { Type = JsonSchemaType.Array, Items = Of(enumerable.GetGenericArguments()[0]) };
        }
        var schema = Named("object");
        schema.Properties = new Dictionary<string, IOpenApiSchema>();
        foreach (var property in t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            schema.Properties[JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name)] = Of(property.PropertyType);
        }
        return schema;
    }

    private static OpenApiSchema Object(params (string Name, OpenApiSchema Schema)[] properties) => new()
    {
        Type = JsonSchemaType.Object,
        Properties = properties.ToDictionary(p => p.Name, p => (IOpenApiSchema)p.Schema),
    };

    private static OpenApiSchema Named(string json) => json switch
    {
        "string" => new OpenApiSchema { Type = JsonSchemaType.String },
        "integer" => new OpenApiSchema { Type = JsonSchemaType.Integer },
        "boolean" => new OpenApiSchema { Type = JsonSchemaType.Boolean },
        "number" => new OpenApiSchema { Type = JsonSchemaType.Number },
        "object" => new OpenApiSchema { Type = JsonSchemaType.Object },
        _ => new OpenApiSchema(),
    };
}
