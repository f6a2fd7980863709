using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;
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

    [Fact]
    public async Task ResponseSchemas_RealAnswers_HaveExactlyTheDescribedMembers()
    {
        await using var host = await ApiHost.StartAsync();
        using var admin = await host.AdminAsync();
        var created = await admin.PostAsJsonAsync("/api/tasks", new { worker = "demo", action = "pipeline", data = new { fail_step = "publish" }, tags = new[] { "catalog" }, object_type = "vm", object_id = "1" });
        var createdTask = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = createdTask.GetProperty("id").GetInt64();
        await ApiHost.WaitForStatusAsync(admin, id, "failed");
        var checkedRoutes = 0;

        async Task CheckAsync(string method, string path, string url, JsonElement? answer = null)
        {
            var entry = ApiCatalog.Find(method, path)!;
            var json = answer ?? await admin.GetFromJsonAsync<JsonElement>(url);
            AssertMembers(json, ApiSchemas.Response(entry)!, $"{method} {url}");
            checkedRoutes++;
        }

        await CheckAsync("POST", "/api/tasks", "/api/tasks", createdTask);
        await CheckAsync("GET", "/api/tasks", "/api/tasks");
        await CheckAsync("GET", "/api/tasks/{id}", $"/api/tasks/{id}");
        await CheckAsync("GET", "/api/tasks/{id}/logs", $"/api/tasks/{id}/logs");
        await CheckAsync("GET", "/api/tasks/{id}/subtasks", $"/api/tasks/{id}/subtasks");
        await CheckAsync("GET", "/api/failed-tasks", "/api/failed-tasks");
        await CheckAsync("GET", "/api/user-tasks", "/api/user-tasks");
        await CheckAsync("GET", "/api/workers", "/api/workers");
        await CheckAsync("GET", "/api/queues", "/api/queues");
        await CheckAsync("GET", "/api/nodes", "/api/nodes");
        await CheckAsync("GET", "/api/task-schedules", "/api/task-schedules");
        await CheckAsync("GET", "/api/users", "/api/users");
        await CheckAsync("GET", "/api/roles", "/api/roles");
        await CheckAsync("GET", "/api/audit", "/api/audit");
        await CheckAsync("GET", "/api/stats", "/api/stats");

        Assert.Equal(15, checkedRoutes);
    }

    /// <summary>Objects have exactly the schema's members, all the way down (null values and free JSON aside).</summary>
    private static void AssertMembers(JsonElement json, IOpenApiSchema schema, string where)
    {
        if (json.ValueKind == JsonValueKind.Array && schema.Items is { } items)
        {
            // The answers' own lists must hold something to check; inner lists (depends_on, nodes) may be empty.
            Assert.True(json.GetArrayLength() > 0 || where.Contains("[]", StringComparison.Ordinal), $"{where}: an empty list proves nothing");
            foreach (var item in json.EnumerateArray()) AssertMembers(item, items, where + "[]");
            return;
        }
        if (json.ValueKind != JsonValueKind.Object || schema.Properties is not { Count: > 0 } properties) return;
        Assert.Equal(properties.Keys.Order(StringComparer.Ordinal), json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        foreach (var property in json.EnumerateObject()) AssertMembers(property.Value, properties[property.Name], $"{where}.{property.Name}");
    }
}
