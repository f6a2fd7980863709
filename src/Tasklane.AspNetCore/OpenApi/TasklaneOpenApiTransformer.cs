using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Tasklane.AspNetCore;

/// <summary>
/// Fills the OpenAPI document of the Tasklane routes from <see cref="ApiCatalog"/>: summaries, groups, the
/// permission each route needs, query parameters, JSON bodies (snake_case, as the API reads them) and the bearer
/// scheme.
/// </summary>
internal sealed class TasklaneOpenApiTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    private const string Bearer = "bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Tasklane";
        document.Info.Description = "Background tasks: create, watch, cancel and retry them; workers, schedules, statistics and users.";
        // The groups of the catalog, in its order, instead of one per endpoint class.
        document.Tags = new HashSet<OpenApiTag>(ApiCatalog.Operations.Select(o => o.Tag).Distinct().Select(t => new OpenApiTag { Name = t }));
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

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        if (ApiCatalog.Find(description.HttpMethod ?? "", PathBelowPrefix(description.RelativePath)) is not { } entry) return Task.CompletedTask;

        operation.Summary = entry.Summary;
        operation.Description = entry.Permission is null ? null : $"Needs the permission `{entry.Permission}`.";
        operation.Tags = new HashSet<OpenApiTagReference> { new(entry.Tag, context.Document) };
        foreach (var query in entry.Query)
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
        if (entry.Body is { } body)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = ApiSchemas.Of(body) } },
            };
        }
        if (ApiSchemas.Response(entry) is { } answer)
        {
            operation.Responses ??= new OpenApiResponses();
            operation.Responses.Remove("200");
            operation.Responses[entry.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = entry.Status == 201 ? "Created" : "OK",
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = answer } },
            };
        }
        if (entry.Path != "/api/auth/login" && entry.Path != "/healthz")
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] }];
        }
        return Task.CompletedTask;
    }

    /// <summary>The route below whatever prefix the host mapped: <c>tasklane/api/tasks</c> → <c>/api/tasks</c>.</summary>
    internal static string PathBelowPrefix(string? relativePath)
    {
        var path = "/" + (relativePath ?? "").Trim('/');
        var api = path.IndexOf("/api/", StringComparison.Ordinal);
        if (api >= 0) return path[api..];
        return path.EndsWith("/healthz", StringComparison.Ordinal) ? "/healthz" : path;
    }
}
