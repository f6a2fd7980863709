using System.Globalization;
using System.Text;

namespace Tasklane.Cli.Commands;

/// <summary>A path with query parameters; a parameter without a value is left out.</summary>
internal sealed class QueryString(string path)
{
    private readonly StringBuilder _text = new(path);
    private bool _first = !path.Contains('?', StringComparison.Ordinal);

    public QueryString Add(string name, string? value)
    {
        if (string.IsNullOrEmpty(value)) return this;
        _text.Append(_first ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        _first = false;
        return this;
    }

    public QueryString Add(string name, long? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public QueryString Add(string name, IEnumerable<string>? values)
    {
        foreach (var value in values ?? []) Add(name, value);
        return this;
    }

    public override string ToString() => _text.ToString();
}
