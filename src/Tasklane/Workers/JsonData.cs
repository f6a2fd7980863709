using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace Tasklane;

/// <summary>Reads JSON objects into typed records strictly (snake_case, no unknown members, required members, data annotations).</summary>
internal static class JsonData
{
    /// <summary>Reads <paramref name="json"/> (null or blank: <c>{}</c>) into <paramref name="type"/>; <paramref name="root"/> prefixes field names in errors.</summary>
    public static object Read(string? json, Type type, string root) => Read(json, type, root, annotations: true);

    /// <summary>
    /// The same; <paramref name="annotations"/> false when <see cref="HasAnnotations"/> found nothing for the
    /// validator to check on <paramref name="type"/> (an action's argument type is looked at once, at start).
    /// </summary>
    public static object Read(string? json, Type type, string root, bool annotations)
    {
        if (StartsAsObject(json))
        {
            // The usual case, read in one pass; anything the serializer refuses is read again below for its error.
            object? read = null;
            try
            {
                read = JsonSerializer.Deserialize(json, type, TasklaneJson.Options);
            }
            catch (JsonException)
            {
            }
            if (read is not null)
            {
                if (annotations) CheckAnnotations(read, root);
                return read;
            }
        }
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
            if (annotations) CheckAnnotations(value, root);
            return value;
        }
    }

    /// <summary>
    /// Throws unless <paramref name="json"/> is a JSON object (or empty): the data of an action that takes none. Parsed
    /// only; there is nothing to bind it to nor any annotation to check.
    /// </summary>
    public static void RequireObject(string? json, string root)
    {
        if (json is "{}" || string.IsNullOrWhiteSpace(json)) return;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.Trim() == "null" ? "{}" : json);
        }
        catch (JsonException ex)
        {
            throw new JsonDataException(root, $"{root} is not valid JSON: {ex.Message}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw new JsonDataException(root, $"{root} must be a JSON object");
        }
    }

    /// <summary>
    /// True when the data annotations validator could find anything to check on an instance of <paramref name="type"/>:
    /// a validation attribute on the type or on a public property, <see cref="IValidatableObject"/>, or a metadata type.
    /// </summary>
    public static bool HasAnnotations(Type type) =>
        typeof(IValidatableObject).IsAssignableFrom(type)
        || type.IsDefined(typeof(MetadataTypeAttribute), inherit: true)
        || type.IsDefined(typeof(ValidationAttribute), inherit: true)
        || type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
            .Any(p => p.IsDefined(typeof(ValidationAttribute), inherit: true));

    /// <summary>True when the first character that is not white space opens an object.</summary>
    private static bool StartsAsObject([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? json)
    {
        if (json is null) return false;
        foreach (var c in json)
        {
            if (!char.IsWhiteSpace(c)) return c == '{';
        }
        return false;
    }

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
