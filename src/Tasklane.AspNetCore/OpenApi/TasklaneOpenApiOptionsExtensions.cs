using Microsoft.AspNetCore.OpenApi;

namespace Tasklane;

/// <summary>Describes the Tasklane routes in the host's OpenAPI document.</summary>
public static class TasklaneOpenApiOptionsExtensions
{
    /// <summary>
    /// Adds what the endpoints' metadata says beyond paths and answers to the document: the permission each route
    /// needs, its query parameters and JSON body, the API's snake_case names and the bearer scheme:
    /// <c>builder.Services.AddOpenApi(o => o.AddTasklane())</c>, then <c>app.MapOpenApi()</c>.
    /// </summary>
    public static OpenApiOptions AddTasklane(this OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var transformer = new Tasklane.AspNetCore.TasklaneOpenApiTransformer();
        options.AddDocumentTransformer(transformer);
        options.AddOperationTransformer(transformer);
        options.AddSchemaTransformer(transformer);
        return options;
    }
}
