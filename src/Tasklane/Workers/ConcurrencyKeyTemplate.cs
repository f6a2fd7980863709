using System.Text;
using System.Text.Json;

namespace Tasklane;

/// <summary>
/// An action's default concurrency key, made from its task's data: <c>import:{object_id}</c> puts the data's top-level
/// <c>object_id</c> in place of <c>{object_id}</c> (a string as it is, any other value as its JSON text). When a named
/// field is missing or null, the task gets no key. <c>{{</c> and <c>}}</c> stand for literal braces.
/// </summary>
public sealed class ConcurrencyKeyTemplate
{
    private readonly List<(string Text, string? Field)> _parts = [];

    /// <summary>Parses <paramref name="template"/>; throws <see cref="ArgumentException"/> on an unclosed or empty placeholder.</summary>
    public ConcurrencyKeyTemplate(string template)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(template);
        Template = template;
        var text = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                text.Append(c);
                i++;
                continue;
            }
            if (c == '}') throw new ArgumentException($"Concurrency key template '{template}' has a '}}' without '{{'.", nameof(template));
            if (c != '{')
            {
                text.Append(c);
                continue;
            }
            var end = template.IndexOf('}', i + 1);
            if (end < 0) throw new ArgumentException($"Concurrency key template '{template}' has an unclosed '{{'.", nameof(template));
            var field = template[(i + 1)..end].Trim();
            if (field.Length == 0) throw new ArgumentException($"Concurrency key template '{template}' has an empty '{{}}'.", nameof(template));
            _parts.Add((text.ToString(), field));
            text.Clear();
            i = end;
        }
        if (text.Length > 0) _parts.Add((text.ToString(), null));
    }

    /// <summary>The template as declared.</summary>
    public string Template { get; }

    /// <summary>The key for a task with this JSON <paramref name="data"/>, or null when a named field is missing or null.</summary>
    public string? KeyFor(string data)
    {
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(data) ? "{}" : data);
        var root = document.RootElement;
        var key = new StringBuilder();
        foreach (var (text, field) in _parts)
        {
            key.Append(text);
            if (field is null) continue;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(field, out var value)
                || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return null;
            key.Append(value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText());
        }
        return key.ToString();
    }
}
