namespace Tasklane.AspNetCore;

/// <summary>What the OpenAPI document says of one route beyond its path: group, summary, permission, query and body.</summary>
internal sealed record ApiOperation(string Method, string Path, string Tag, string Summary, string? Permission = null)
{
    /// <summary>The query parameters the handler reads.</summary>
    public IReadOnlyList<ApiQueryParameter> Query { get; init; } = [];

    /// <summary>The JSON body type, when the route reads one.</summary>
    public Type? Body { get; init; }
}

/// <summary>A query parameter: its name, JSON type (<c>string</c>, <c>integer</c>, <c>boolean</c>) and meaning.</summary>
internal sealed record ApiQueryParameter(string Name, string Type, string Description);
