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
        try
        {
            if (Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true)) return;
        }
        catch (Exception ex) when (ex is OverflowException or FormatException or InvalidCastException or ArgumentException)
        {
            // An attribute could not compare the value at all (1e308 against [Range(0, 86400)] converts to int
            // and overflows): the value is outside what the attribute allows, so it is that member's error.
            var failing = FailingMember(value, root);
            throw new JsonDataException(failing, $"{failing} is out of the allowed range");
        }
        var first = results[0];
        var member = first.MemberNames.FirstOrDefault();
        var field = member is null ? root : root + "." + JsonNamingPolicy.SnakeCaseLower.ConvertName(member);
        var message = first.ErrorMessage ?? "is not valid";
        if (member is not null) message = message.Replace(member, field, StringComparison.Ordinal);
        throw new JsonDataException(field, message);
    }

    /// <summary>The field whose validation attributes throw on its value (the object's <paramref name="root"/> when none does alone).</summary>
    private static string FailingMember(object value, string root)
    {
        foreach (var property in value.GetType().GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0) continue;
            var context = new ValidationContext(value) { MemberName = property.Name };
            try
            {
                Validator.TryValidateProperty(property.GetValue(value), context, []);
            }
            catch (Exception ex) when (ex is OverflowException or FormatException or InvalidCastException or ArgumentException)
            {
                return root + "." + JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
            }
        }
        return root;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
