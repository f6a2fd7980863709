using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tasklane.AspNetCore;

namespace Tasklane.Tests.Api;

/// <summary>
/// The API's handlers return typed results (<c>Results&lt;ApiOk&lt;T&gt;, ApiProblem&gt;</c>, ...): the OpenAPI document lists
/// exactly the answers each handler's return type declares, and the answers are written with the API's JSON (snake_case)
/// whatever JSON options the host set for its own endpoints.
/// </summary>
public sealed class TypedResultApiTests
{
    /// <summary>Routes whose handler writes a stream or a file, or answers two shapes (the health summary): untyped on purpose.</summary>
    private static readonly HashSet<string> Untyped = new(StringComparer.Ordinal)
    {
        "GET /api/tasks/{id}/events",
        "GET /api/tasks/{id}/logs/export",
        "GET /api/tasks/{id}/artifact",
        "GET /healthz",
    };

    [Fact]
    public async Task Document_EveryTypedRoute_ListsExactlyTheAnswersOfItsResultType()
    {
        await using var host = await ApiHost.StartAsync(prefix: "/tasklane", openApi: true);
        var document = (await host.Anonymous().GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        var endpoints = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => ApiRoutes.IsApi(e.RoutePattern.RawText)).ToList();
        Assert.True(endpoints.Count >= 59, $"only {endpoints.Count} API routes mapped");

        var typed = 0;
        foreach (var endpoint in endpoints)
        {
            var path = ApiRoutes.PathBelowPrefix(endpoint.RoutePattern.RawText);
            foreach (var method in endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()!.HttpMethods)
            {
                var where = $"{method} {path}";
                var handler = endpoint.Metadata.GetMetadata<MethodInfo>() ?? throw new InvalidOperationException($"{where}: no handler method");
                var answers = Answers(Unwrap(handler.ReturnType));
                if (answers is null)
                {
                    Assert.True(Untyped.Contains(where), $"{where}: the handler returns an untyped IResult");
                    continue;
                }
                Assert.False(Untyped.Contains(where), $"{where} is typed now: take it off the untyped list");
                typed++;

                var responses = document["paths"]!["/tasklane" + path]![method.ToLowerInvariant()]!["responses"]!.AsObject();
                Assert.Equal(answers.Keys.Order(StringComparer.Ordinal), responses.Select(r => r.Key).Order(StringComparer.Ordinal));
                foreach (var (status, type) in answers)
                {
                    var content = responses[status]!["content"] as JsonObject;
                    if (type is null)
                    {
                        Assert.True(content is null, $"{where}: {status} has no body");
                        continue;
                    }
                    Assert.NotNull(content);
                    Assert.Equal(["application/json"], content.Select(c => c.Key));
                    var schema = OpenApiJson.Resolve(document, content["application/json"]!["schema"]);
                    var info = ApiJson.Options.GetTypeInfo(type);
                    if (info.Kind == System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Object)
                    {
                        Assert.Equal(
                            info.Properties.Select(p => p.Name).Order(StringComparer.Ordinal),
                            (schema["properties"]?.AsObject().Select(p => p.Key) ?? []).Order(StringComparer.Ordinal));
                    }
                    else
                    {
                        Assert.Equal(info.Kind == System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Enumerable ? "array" : "object", (string?)schema["type"]);
                    }
                }
            }
        }
        Assert.True(typed >= 55, $"only {typed} typed routes");
    }

    [Fact]
    public async Task CamelCaseHost_TypedAnswersAndProblems_KeepTheApiSnakeCase()
    {
        await using var host = await ApiHost.StartAsync(openApi: true, host: (services, _) => services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
        }));
        using var admin = await host.AdminAsync();

        var created = await admin.PostAsJsonAsync("/api/tasks", new { worker = "demo", action = "echo", data = new { message = "m" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith("application/json", created.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var task = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(task.TryGetProperty("max_attempts", out _));
        // Nulls are written: the host's WhenWritingNull is not the API's.
        Assert.Equal(JsonValueKind.Null, task.GetProperty("ended_at").ValueKind);
        var id = task.GetProperty("id").GetInt64();
        Assert.EndsWith($"/api/tasks/{id}", created.Headers.Location!.ToString(), StringComparison.Ordinal);

        var status = await admin.GetFromJsonAsync<JsonElement>($"/api/tasks/{id}/status");
        Assert.Equal("echo", status.GetProperty("task_data").GetProperty("action").GetString());
        var me = await admin.GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.Equal("admin", me.GetProperty("username").GetString());
        var settings = await admin.GetFromJsonAsync<JsonElement>("/api/system/task-settings");
        Assert.True(settings.TryGetProperty("task_max_concurrent", out _));

        var bad = await admin.GetAsync("/api/tasks/abc");
        await ProblemAssert.IsAsync(bad, HttpStatusCode.BadRequest, "id");

        // The document, too, names the members as the API writes them.
        var document = (await host.Anonymous().GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        var poll = OpenApiJson.Answer(document, document["paths"]!["/api/tasks/{id}/status"]!["get"]!, "200");
        Assert.Contains("task_data", poll["properties"]!.AsObject().Select(p => p.Key));
        // And the host keeps its own options.
        Assert.Same(JsonNamingPolicy.CamelCase, host.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions.PropertyNamingPolicy);
    }

    [Fact]
    public async Task ResponseSchemas_RoutesThatAnsweredUntypedObjects_HaveExactlyTheDocumentedMembers()
    {
        await using var host = await ApiHost.StartAsync(openApi: true);
        using var admin = await host.AdminAsync();
        var document = (await host.Anonymous().GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        // A task whose inner lists hold something to check (tags, links), as OpenApiDocumentTests makes it.
        var id = await ApiHost.CreateTaskAsync(admin, new { worker = "demo", action = "pipeline", data = new { fail_step = "publish" }, tags = new[] { "catalog" }, object_type = "vm", object_id = "1" });
        await ApiHost.WaitForStatusAsync(admin, id, "failed");

        async Task CheckAsync(string method, string path, HttpResponseMessage response, string status = "200")
        {
            Assert.Equal(status, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            var json = await response.Content.ReadFromJsonAsync<JsonElement>();
            var operation = document["paths"]![path]![method.ToLowerInvariant()]!;
            OpenApiDocumentTests.AssertMembers(document, json, OpenApiJson.Answer(document, operation, status), $"{method} {path}");
        }

        await CheckAsync("POST", "/api/auth/login", await host.Anonymous().PostAsJsonAsync("/api/auth/login", new { username = "admin", password = ApiHost.AdminPassword }));
        await CheckAsync("GET", "/api/auth/me", await admin.GetAsync("/api/auth/me"));
        await CheckAsync("GET", "/api/auth/antiforgery", await admin.GetAsync("/api/auth/antiforgery"));
        await CheckAsync("GET", "/api/tasks/{id}/status", await admin.GetAsync($"/api/tasks/{id}/status"));
        await CheckAsync("POST", "/api/tasks/process-pending", await admin.PostAsync("/api/tasks/process-pending", null));
        await CheckAsync("POST", "/api/tasks/cleanup", await admin.PostAsJsonAsync("/api/tasks/cleanup", new { older_than_days = 30 }));
        await CheckAsync("POST", "/api/workers/discover", await admin.PostAsync("/api/workers/discover", null));
        await CheckAsync("POST", "/api/workers/rescan", await admin.PostAsync("/api/workers/rescan", null));
        await CheckAsync("POST", "/api/workers/clean-orphaned", await admin.PostAsync("/api/workers/clean-orphaned", null));
        await CheckAsync("GET", "/api/workers/{identifier}/settings", await admin.GetAsync("/api/workers/demo-sync/settings"));
        await CheckAsync("GET", "/api/system/task-settings", await admin.GetAsync("/api/system/task-settings"));
        await CheckAsync("GET", "/api/system/task-settings/log-storage-backends", await admin.GetAsync("/api/system/task-settings/log-storage-backends"));

        var hook = await admin.PostAsJsonAsync("/api/webhooks", new { url = "http://127.0.0.1:9/hook", events = new[] { "task.failed" }, secret = "s3cret" });
        Assert.Equal(HttpStatusCode.Created, hook.StatusCode);
        var hookId = (await hook.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await CheckAsync("POST", "/api/webhooks/{id}/test", await admin.PostAsync($"/api/webhooks/{hookId}/test", null), "202");
    }

    /// <summary><c>Task&lt;T&gt;</c> → <c>T</c>.</summary>
    private static Type Unwrap(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>))
            ? type.GetGenericArguments()[0]
            : type;

    /// <summary>The answers a typed result declares, status → body type (null: no body); null for an untyped <c>IResult</c>.</summary>
    private static Dictionary<string, Type?>? Answers(Type result)
    {
        if (result == typeof(IResult)) return null;
        var parts = result.IsGenericType && result.GetGenericTypeDefinition().FullName!.StartsWith("Microsoft.AspNetCore.Http.HttpResults.Results`", StringComparison.Ordinal)
            ? result.GetGenericArguments()
            : [result];
        var answers = new Dictionary<string, Type?>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            if (part == typeof(ApiProblem)) continue;
            if (part == typeof(NoContent))
            {
                answers["204"] = null;
                continue;
            }
            var definition = part.IsGenericType ? part.GetGenericTypeDefinition() : part;
            var status = definition == typeof(ApiOk<>) ? "200"
                : definition == typeof(ApiCreated<>) ? "201"
                : definition == typeof(ApiAccepted<>) ? "202"
                : throw new InvalidOperationException($"{part} is not one of the API's results");
            answers[status] = part.GetGenericArguments()[0];
        }
        return answers;
    }
}
