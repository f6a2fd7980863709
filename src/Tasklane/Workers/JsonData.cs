using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace Tasklane;

/// <summary>Reads JSON objects into typed records strictly (snake_case, no unknown members, required members, data annotations).</summary>
internal static class JsonData
{
    /// <summary>Reads <paramref name="json"/> (null or blank: <c>{}</c>) into <paramref name="type"/>; <paramref name="root"/> prefixes field names in errors.</summary>
    public static object Read(string? json, Type type, string root)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) || json.Trim() == "null" ? "{}" : json);
        }
        catch (JsonException ex)
        {
            throw new JsonDataException(root, $"{root} is not valid JSON: {ex.Message}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new JsonDataException(root, $"{root} must be a JSON object");
            }
            object value;
            try
            {
                value = document.RootElement.Deserialize(type, TasklaneJson.Options)
                    ?? throw new JsonDataException(root, $"{root} is required");
            }
            catch (JsonException ex)
            {
                var path = ex.Path is { Length: > 1 } p ? root + p.TrimStart('$') : root;
                throw new JsonDataException(path, $"{path} does not fit {type.Name}: {FirstSentence(ex.Message)}");
            }
            CheckAnnotations(value, root);
            return value;
        }
    }

    /// <summary>True when <paramref name="json"/> is a JSON object (or empty).</summary>
    public static void RequireObject(string? json, string root) => Read(json, typeof(Dictionary<string, JsonElement>), root);

    private static void CheckAnnotations(object value, string root)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true)) return;
        var first = results[0];
        var member = first.MemberNames.FirstOrDefault();
        var field = member is null ? root : root + "." + JsonNamingPolicy.SnakeCaseLower.ConvertName(member);
        var message = first.ErrorMessage ?? "is not valid";
        if (member is not null) message = message.Replace(member, field, StringComparison.Ordinal);
        throw new JsonDataException(field, message);
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
