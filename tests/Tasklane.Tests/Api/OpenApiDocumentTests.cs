using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tasklane.AspNetCore;

namespace Tasklane.Tests.Api;

/// <summary>
/// The OpenAPI document is generated from the endpoints <c>MapTasklane</c> maps: every API route is in it with its
/// summary, path and query parameters, body, answers and security, and the answers' schemas are what the API writes.
/// </summary>
public sealed class OpenApiDocumentTests
{
    [Fact]
    public async Task Document_EveryMappedApiRoute_IsDescribedWithItsParametersBodyAndPermission()
    {
        await using var host = await ApiHost.StartAsync(prefix: "/tasklane", openApi: true);
        var routes = ApiRoutes.From(host.Services.GetRequiredService<EndpointDataSource>());
        var document = (await host.Anonymous().GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject();

        var documented = paths.SelectMany(p => p.Value!.AsObject().Where(o => o.Key != "parameters").Select(o => $"{o.Key.ToUpperInvariant()} {ApiRoutes.PathBelowPrefix(p.Key)}")).ToHashSet();
        Assert.Equal(routes.Select(r => $"{r.Method} {r.Path}").Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
        Assert.True(routes.Count >= 59, $"only {routes.Count} API routes mapped");

        foreach (var route in routes)
        {
            var where = $"{route.Method} {route.Path}";
            var operation = paths["/tasklane" + route.Path]![route.Method.ToLowerInvariant()]!;
            Assert.False(string.IsNullOrWhiteSpace((string?)operation["summary"]), $"{where}: no summary");
            Assert.NotEmpty(operation["tags"]!.AsArray());

            var parameters = (operation["parameters"] as JsonArray ?? []).Select(p => ((string?)p!["in"], (string?)p["name"])).ToList();
            var pathParameters = System.Text.RegularExpressions.Regex.Matches(route.Path, "\\{([a-z_]+)\\}").Select(m => ("path", m.Groups[1].Value));
            Assert.Equal(
                pathParameters.Concat(route.Query.Select(q => ("query", q.Name))).Select(p => $"{p.Item1}:{p.Item2}").Order(StringComparer.Ordinal),
                parameters.Select(p => $"{p.Item1}:{p.Item2}").Order(StringComparer.Ordinal));

            var body = operation["requestBody"]?["content"]?["application/json"]?["schema"];
            Assert.True((body is not null) == (route.Body is not null), $"{where}: the document's body and the endpoint's disagree");
            if (route.Body is { } type)
            {
                var members = OpenApiJson.Members(document, body).ToHashSet();
                foreach (var property in type.GetProperties()) Assert.Contains(JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name), members);
            }

            // The permission is the one the endpoint's authorization policy enforces (the matrix proves the answers).
            var description = (string?)operation["description"];
            if (route.Permission is { } permission) Assert.Equal($"Needs the permission `{permission}`.", description);
            else Assert.Null(description);
            var open = route.Path is "/api/auth/login" or "/healthz";
            Assert.True(open == operation["security"] is null, $"{where}: security {(open ? "on an open route" : "missing")}");
        }
        Assert.Equal("bearer", (string?)document["components"]!["securitySchemes"]!["bearer"]!["scheme"]);
        Assert.Equal("Needs the permission `task:list`.", (string?)paths["/tasklane/api/tasks"]!["get"]!["description"]);
    }

    [Fact]
    public async Task Document_CreateAndDetail_DescribeStatusesAndSnakeCaseSchemas()
    {
        await using var host = await ApiHost.StartAsync(openApi: true);
        var document = (await host.Anonymous().GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject();

        var create = paths["/api/tasks"]!["post"]!;
        Assert.Contains("max_attempts", OpenApiJson.Members(document, create["requestBody"]!["content"]!["application/json"]!["schema"]));
        Assert.Contains("subtask_counts", OpenApiJson.Answer(document, create, "201")["properties"]!.AsObject().Select(p => p.Key));
        Assert.Contains("stack_trace", OpenApiJson.Answer(document, paths["/api/tasks/{id}"]!["get"]!, "200")["properties"]!.AsObject().Select(p => p.Key));
        Assert.NotNull(paths["/api/webhooks/{id}/test"]!["post"]!["responses"]!["202"]);
        Assert.NotNull(paths["/api/tasks/{id}/events"]!["get"]!["responses"]!["200"]!["content"]!["text/event-stream"]);
        var id = paths["/api/tasks/{id}"]!["get"]!["parameters"]!.AsArray().Single(p => (string?)p!["name"] == "id")!;
        Assert.Equal(("path", true, "integer"), ((string?)id["in"], (bool?)id["required"], (string?)id["schema"]!["type"]));
        var scheduleId = paths["/api/task-schedules/{id}/trigger"]!["post"]!["parameters"]!.AsArray().Single(p => (string?)p!["name"] == "id")!;
        Assert.Equal("string", (string?)scheduleId["schema"]!["type"]);
        var status = OpenApiJson.Resolve(document, OpenApiJson.Answer(document, paths["/api/tasks/{id}"]!["get"]!, "200")["properties"]!["status"]);
        Assert.Equal(["pending", "running", "completed", "failed", "cancelled"], status["enum"]!.AsArray().Select(e => (string?)e));
    }

    [Theory]
    [InlineData("tasklane/api/tasks/{id}", "/api/tasks/{id}")]
    [InlineData("api/tasks", "/api/tasks")]
    [InlineData("/ops/healthz", "/healthz")]
    [InlineData("openapi/v1.json", "/openapi/v1.json")]
    public void PathBelowPrefix_RouteUnderAnyPrefix_ReadsAsTheContractPath(string relative, string expected) =>
        Assert.Equal(expected, ApiRoutes.PathBelowPrefix(relative));

    [Fact]
    public async Task ResponseSchemas_RealAnswers_HaveExactlyTheDocumentedMembers()
    {
        await using var host = await ApiHost.StartAsync(openApi: true);
        using var admin = await host.AdminAsync();
        var document = (await host.Anonymous().GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        var created = await admin.PostAsJsonAsync("/api/tasks", new { worker = "demo", action = "pipeline", data = new { fail_step = "publish" }, tags = new[] { "catalog" }, object_type = "vm", object_id = "1" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var createdTask = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = createdTask.GetProperty("id").GetInt64();
        await ApiHost.WaitForStatusAsync(admin, id, "failed");
        var checkedRoutes = 0;

        async Task CheckAsync(string method, string path, string url, JsonElement? answer = null, string status = "200")
        {
            var operation = document["paths"]![path]![method.ToLowerInvariant()]!;
            var json = answer ?? await admin.GetFromJsonAsync<JsonElement>(url);
            AssertMembers(document, json, OpenApiJson.Answer(document, operation, status), $"{method} {url}");
            checkedRoutes++;
        }

        await CheckAsync("POST", "/api/tasks", "/api/tasks", createdTask, "201");
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
    internal static void AssertMembers(JsonObject document, JsonElement json, JsonObject schema, string where)
    {
        if (json.ValueKind == JsonValueKind.Array && schema["items"] is { } items)
        {
            // The answers' own lists must hold something to check; inner lists (depends_on, nodes) may be empty.
            Assert.True(json.GetArrayLength() > 0 || where.Contains("[]", StringComparison.Ordinal), $"{where}: an empty list proves nothing");
            foreach (var item in json.EnumerateArray()) AssertMembers(document, item, OpenApiJson.Resolve(document, items), where + "[]");
            return;
        }
        if (json.ValueKind != JsonValueKind.Object || schema["properties"] is not JsonObject { Count: > 0 } properties) return;
        Assert.Equal(properties.Select(p => p.Key).Order(StringComparer.Ordinal), json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        foreach (var property in json.EnumerateObject()) AssertMembers(document, property.Value, OpenApiJson.Resolve(document, properties[property.Name]), $"{where}.{property.Name}");
    }
}
