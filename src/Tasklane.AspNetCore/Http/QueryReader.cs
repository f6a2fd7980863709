using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Tasklane.AspNetCore;

/// <summary>
/// Reads typed query parameters (or the same parameters from another source, such as a bulk call's <c>filter</c>);
/// the first bad one becomes <see cref="Error"/> (a 400 naming it, after <c>fieldPrefix</c>).
/// </summary>
internal sealed class QueryReader(Func<string, string?> read, string fieldPrefix = "")
{
    public QueryReader(HttpRequest request)
        : this(name => request.Query[name].ToString())
    {
    }

    public ApiProblem? Error { get; private set; }

    public string? String(string name)
    {
        var value = read(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public long? Long(string name, long? min = null)
    {
        if (String(name) is not { } raw) return null;
        if (!long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return Fail<long?>(name, $"{name} must be an integer");
        if (value < min) return Fail<long?>(name, $"{name} must be at least {min}");
        return value;
    }

    public int? Int(string name, int? min = null)
    {
        if (String(name) is not { } raw) return null;
        if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return Fail<int?>(name, $"{name} must be an integer");
        if (value < min) return Fail<int?>(name, $"{name} must be at least {min}");
        return value;
    }

    public DateTimeOffset? Time(string name)
    {
        if (String(name) is not { } raw) return null;
        return DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : Fail<DateTimeOffset?>(name, $"{name} must be an ISO 8601 time");
    }

    public TEnum? Enum<TEnum>(string name) where TEnum : struct, Enum
    {
        if (String(name) is not { } raw) return null;
        foreach (var value in System.Enum.GetValues<TEnum>())
        {
            if (string.Equals(value.ToString(), raw, StringComparison.OrdinalIgnoreCase)) return value;
        }
        var allowed = string.Join(", ", System.Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()));
        return Fail<TEnum?>(name, $"{name} must be one of: {allowed}");
    }

    private T Fail<T>(string name, string message)
    {
        Error ??= Problems.BadRequest(fieldPrefix + name, fieldPrefix + message);
        return default!;
    }
}
