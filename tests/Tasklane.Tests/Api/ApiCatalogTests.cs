using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tasklane.AspNetCore;

namespace Tasklane.Tests.Api;

/// <summary>The OpenAPI catalog and the routes <c>MapTasklane</c> maps stay one list.</summary>
public sealed class ApiCatalogTests
{
    [Fact]
    public async Task Catalog_EveryMappedApiRoute_HasItsEntryAndNoEntryIsStale()
    {
        await using var host = await ApiHost.StartAsync(prefix: "/tasklane");
        var mapped = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {TasklaneOpenApiTransformer.PathBelowPrefix(e.RoutePattern.RawText)}"))
            .Where(r => r.Contains(" /api/", StringComparison.Ordinal) || r.EndsWith(" /healthz", StringComparison.Ordinal))
            .ToHashSet();
        var catalog = ApiCatalog.Operations.Select(o => $"{o.Method} {o.Path}").ToHashSet();

        Assert.Empty(mapped.Except(catalog));
        Assert.Empty(catalog.Except(mapped));
        Assert.Equal(catalog.Count, ApiCatalog.Operations.Count);
    }

    [Theory]
    [InlineData("tasklane/api/tasks/{id}", "/api/tasks/{id}")]
    [InlineData("api/tasks", "/api/tasks")]
    [InlineData("/ops/healthz", "/healthz")]
    [InlineData("openapi/v1.json", "/openapi/v1.json")]
    public void PathBelowPrefix_RouteUnderAnyPrefix_ReadsAsTheContractPath(string relative, string expected) =>
        Assert.Equal(expected, TasklaneOpenApiTransformer.PathBelowPrefix(relative));
}
