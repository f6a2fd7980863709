using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Tasklane.AspNetCore;

/// <summary>
/// Completes the OpenAPI document that ASP.NET Core generates from the Tasklane endpoints. The generator already reads
/// each endpoint's path, method, tags and summary (<c>WithTags</c>, <c>WithSummary</c>) and its answers (the
/// statuses and DTO records its handler's typed results declare, <see cref="ApiOk{T}"/> and the like); this adds what it cannot see: the permission the endpoint's
/// policy requires and the bearer scheme, the query parameters and the JSON body the handler reads itself
/// (<see cref="ApiQueryMetadata"/>, <see cref="ApiBodyMetadata"/>), and the API's JSON names (snake_case members,
/// enums as snake_case strings) whatever JSON options the host uses for its own endpoints.
/// </summary>
internal sealed partial class TasklaneOpenApiTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer, IOpenApiSchemaTransformer
{
    private const string Bearer = "bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Tasklane";
        document.Info.Description = "Background tasks: create, watch, cancel and retry them; workers, schedules, statistics and users.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The token of POST /api/auth/login. The console uses its session cookie and X-CSRF-TOKEN instead.",
        };
        return Task.CompletedTask;
    }

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        if (!ApiRoutes.IsApi(description.RelativePath)) return;
        var metadata = description.ActionDescriptor.EndpointMetadata;

        if (ApiRoutes.Permission(metadata) is { } permission) operation.Description = $"Needs the permission `{permission}`.";
        // The handlers read their route values themselves (a bad id is a 400 naming it, not a 404 of an unmatched
        // constraint), so the generator does not see them: each {name} of the route is a required path parameter.
        foreach (System.Text.RegularExpressions.Match name in RouteParameter().Matches(description.RelativePath ?? ""))
        {
            operation.Parameters ??= [];
            if (operation.Parameters.Any(p => p.Name == name.Groups[1].Value && p.In == ParameterLocation.Path)) continue;
            var numeric = name.Groups[1].Value == "id" && !(description.RelativePath ?? "").Contains("/task-schedules/", StringComparison.Ordinal);
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name.Groups[1].Value,
                In = ParameterLocation.Path,
                Required = true,
                Schema = new OpenApiSchema { Type = numeric ? JsonSchemaType.Integer : JsonSchemaType.String },
            });
        }
        foreach (var query in metadata.OfType<ApiQueryMetadata>().SelectMany(m => m.Parameters))
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = query.Name,
                In = ParameterLocation.Query,
                Description = query.Description,
                Schema = new OpenApiSchema { Type = query.Type == "integer" ? JsonSchemaType.Integer : JsonSchemaType.String },
            });
        }
        if (metadata.OfType<ApiBodyMetadata>().FirstOrDefault() is { } body)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(body.Type, cancellationToken: cancellationToken) },
                },
            };
        }
        if (ApiRoutes.Secured(metadata))
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] }];
        }
    }

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (!IsTasklane(type)) return Task.CompletedTask;
        if (type.IsEnum)
        {
            // The API writes enums as snake_case strings (ApiJson), whatever the host's options say.
            var nullable = schema.Type is { } t && t.HasFlag(JsonSchemaType.Null);
            schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
            schema.Format = null;
            schema.Enum = [.. Enum.GetNames(type).Select(n => (JsonNode)JsonNamingPolicy.SnakeCaseLower.ConvertName(n))];
            return Task.CompletedTask;
        }
        if (schema.Properties is { Count: > 0 } properties)
        {
            schema.Properties = properties.ToDictionary(p => SnakeCase(p.Key), p => p.Value);
            if (schema.Required is { Count: > 0 } required) schema.Required = required.Select(SnakeCase).ToHashSet(StringComparer.Ordinal);
        }
        return Task.CompletedTask;
    }

    /// <summary>A type of Tasklane's own (its DTOs and enums), not the host's.</summary>
    private static bool IsTasklane(Type type) =>
        type.Namespace is { } ns && (ns == "Tasklane" || ns.StartsWith("Tasklane.", StringComparison.Ordinal));

    /// <summary>The member name the API writes: <c>etaSeconds</c> or <c>EtaSeconds</c> → <c>eta_seconds</c>.</summary>
    private static string SnakeCase(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);

    [System.Text.RegularExpressions.GeneratedRegex("\\{([A-Za-z_]+)[^}]*\\}")]
    private static partial System.Text.RegularExpressions.Regex RouteParameter();
}
