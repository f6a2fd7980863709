namespace Tasklane.AspNetCore;

/// <summary>What the OpenAPI document says of one route beyond its path: group, summary, permission, query and body.</summary>
internal sealed record ApiOperation(string Method, string Path, string Tag, string Summary, string? Permission = null)
{
    /// <summary>The query parameters the handler reads.</summary>
    public IReadOnlyList<ApiQueryParameter> Query { get; init; } = [];

    /// <summary>The JSON body type, when the route reads one.</summary>
    public Type? Body { get; init; }

    /// <summary>The type of the answer's object, or of each item when <see cref="Shape"/> is a list.</summary>
    public Type? Response { get; init; }

    /// <summary>How the answer wraps <see cref="Response"/>.</summary>
    public ResponseShape Shape { get; init; } = ResponseShape.Object;

    /// <summary>Members the answer adds to <see cref="Response"/>'s (name → JSON type; <c>any</c> for free JSON).</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();

    /// <summary>Members the list's wrapping object adds (name → JSON type), e.g. <c>last_seq</c>.</summary>
    public IReadOnlyDictionary<string, string> Envelope { get; init; } = new Dictionary<string, string>();

    /// <summary>The success status: 201 for creates, else 200.</summary>
    public int Status { get; init; } = 200;
}

/// <summary>How an answer wraps its objects.</summary>
internal enum ResponseShape
{
    /// <summary>The object itself.</summary>
    Object,
    /// <summary><c>{"items": [...]}</c>.</summary>
    Items,
    /// <summary><c>{"items": [...], "total", "current", "page_size"}</c>.</summary>
    Page,
    /// <summary>A bare JSON array.</summary>
    Array,
}

/// <summary>A query parameter: its name, JSON type (<c>string</c>, <c>integer</c>, <c>boolean</c>) and meaning.</summary>
internal sealed record ApiQueryParameter(string Name, string Type, string Description);
