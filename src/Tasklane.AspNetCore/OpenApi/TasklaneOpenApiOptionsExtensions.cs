using Microsoft.AspNetCore.OpenApi;

namespace Tasklane;

/// <summary>Describes the Tasklane routes in the host's OpenAPI document.</summary>
public static class TasklaneOpenApiOptionsExtensions
{
    /// <summary>
    /// Adds the Tasklane routes' summaries, permissions, query parameters, bodies and bearer scheme to the document:
    /// <c>builder.Services.AddOpenApi(o => o.AddTasklane())</c>, then <c>app.MapOpenApi()</c>.
    /// </summary>
    public static OpenApiOptions AddTasklane(this OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var transformer = new Tasklane.AspNetCore.TasklaneOpenApiTransformer();
        options.AddDocumentTransformer(transformer);
        options.AddOperationTransformer(transformer);
        return options;
    }
}
