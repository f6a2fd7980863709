namespace Tasklane;

/// <summary>JSON that does not fit the type it must be read into; names the field at fault (e.g. <c>settings.api_key</c>).</summary>
public sealed class JsonDataException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JsonDataException(string field, string message) : base(message) => Field = field;

    /// <summary>The field that is wrong.</summary>
    public string Field { get; }
}
