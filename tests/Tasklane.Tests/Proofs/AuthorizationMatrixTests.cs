using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tasklane.AspNetCore;
using Tasklane.Tests.Api;

namespace Tasklane.Tests.Proofs;

/// <summary>
/// The authorization matrix (issue 10): every route the host maps — read from its own endpoint list, so a new route
/// is in the matrix without editing it — called as anonymous and as every role. A route's permission is the policy the
/// code enforces (and must be the one the API catalog documents); a console page's is the one its 403 page names.
/// Each answer is allowed or 403 (401 anonymous, or the sign-in redirect for a page); another user's task and subtask
/// are 404 for a caller without <c>task:view_all</c>, and another user's tasks move none of its counts.
/// </summary>
public sealed class AuthorizationMatrixTests
{
    /// <summary>A custom role's permissions: a row added when the host serves <c>POST /api/roles</c>.</summary>
    private static readonly string[] CustomRolePermissions =
        [Permissions.TaskList, Permissions.TaskView, Permissions.TaskCancel, Permissions.SubtaskView, Permissions.WorkerList];

    [Fact]
    public async Task EveryRoute_AnonymousAndEveryRole_AllowedOr403_OtherUsersTasks404AndUncounted()
    {
        await using var host = await ApiHost.StartAsync();
        using var admin = await host.AdminAsync();
        var fixtures = await Fixtures.CreateAsync(host, admin);
        var rows = await RowsAsync(host, admin, fixtures);
        var routes = Routes(host);
        Assert.Contains(routes, r => r.Pattern == "/api/tasks/{id}");
        Assert.Contains(routes, r => r.Console);

        // Counts first (the route calls below change state): another user's new tasks move none of a row's figures.
        var before = new Dictionary<string, string>();
        foreach (var row in rows.Where(r => r.Client is not null)) before[row.Name] = await CountsAsync(row);
        await fixtures.AddOtherTasksAsync(host, admin);
        foreach (var row in rows.Where(r => r.Client is not null))
        {
            var after = await CountsAsync(row);
            if (row.Has(Permissions.TaskViewAll)) Assert.NotEqual(before[row.Name], after);
            else Assert.Equal(before[row.Name], after);
            if (row.Has(Permissions.TaskList) && !row.Has(Permissions.TaskViewAll))
            {
                Assert.Equal(row.OwnTaskCount, (await row.Client!.GetFromJsonAsync<JsonElement>("/api/tasks")).GetProperty("total").GetInt64());
            }
        }

        var failures = new List<string>();
        var consolePermission = new Dictionary<string, string?>();
        var consoleAnswers = new List<(Route Route, Row Row, HttpStatusCode Status)>();
        foreach (var row in rows)
        {
            foreach (var route in routes.OrderBy(r => r.Order).ThenBy(r => r.Pattern, StringComparer.Ordinal))
            {
                foreach (var (variant, path) in fixtures.Paths(route, row))
                {
                    var (status, body, location) = await CallAsync(row, route, path);
                    var what = $"{row.Name} {route.Method} {path} ({variant}) → {(int)status}";
                    if ((int)status >= 500) failures.Add(what + ": a 5xx");
                    else if (route.Console && route.Method == "GET" && !route.Anonymous)
                    {
                        if (row.Client is null)
                        {
                            if (status != HttpStatusCode.Redirect || location?.Contains("/login?return=", StringComparison.Ordinal) != true)
                                failures.Add(what + ": a page must send anonymous callers to sign in");
                            continue;
                        }
                        if (status == HttpStatusCode.Forbidden)
                        {
                            var named = Permissions.All.Concat(row.Permissions).Where(p => body.Contains(p, StringComparison.Ordinal)).OrderByDescending(p => p.Length).FirstOrDefault();
                            if (named is null) { failures.Add(what + ": a 403 page that names no permission"); continue; }
                            if (consolePermission.TryGetValue(route.Pattern, out var known) && known != named) failures.Add($"{what}: names {named}, another row's names {known}");
                            consolePermission[route.Pattern] = named;
                        }
                        consoleAnswers.Add((route, row, status));
                        if (variant == Variant.Other && status != HttpStatusCode.Forbidden && !row.Has(Permissions.TaskViewAll) && status != HttpStatusCode.NotFound)
                            failures.Add(what + ": another user's task must be 404");
                    }
                    else
                    {
                        var expected = Expected(route, row, variant);
                        if (expected is { } exact ? status != exact : status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                            failures.Add($"{what}: expected {(expected is null ? "allowed" : ((int)expected).ToString(System.Globalization.CultureInfo.InvariantCulture))} (permission {route.Permission ?? "none"}); {Shorten(body)}");
                    }
                }
            }
        }

        // A page is 403 exactly for the rows without the permission its 403 page names (and for no row when it names none).
        foreach (var (route, row, status) in consoleAnswers)
        {
            var permission = consolePermission.GetValueOrDefault(route.Pattern);
            var allowed = permission is null || row.Has(permission);
            if (allowed == (status == HttpStatusCode.Forbidden)) failures.Add($"{row.Name} GET {route.Pattern} → {(int)status}, its permission {permission ?? "none"}");
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.DoesNotContain(host.Logs.Errors, e => e.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    /// <summary>The answer a call must get, or null for "allowed" (anything but 401, 403 and a 5xx).</summary>
    private static HttpStatusCode? Expected(Route route, Row row, Variant variant)
    {
        if (route.Anonymous) return null;
        if (row.Client is null) return HttpStatusCode.Unauthorized;
        if (route.Permission is not null && !row.Has(route.Permission)) return HttpStatusCode.Forbidden;
        if (variant == Variant.Other && !row.Has(Permissions.TaskViewAll)) return HttpStatusCode.NotFound;
        return null;
    }

    private static async Task<(HttpStatusCode Status, string Body, string? Location)> CallAsync(Row row, Route route, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
        if (route.Method is "POST" or "PUT" or "PATCH" or "DELETE") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        var client = row.Client ?? row.Anonymous;
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        // An event stream of a running task never ends: its status and headers are the answer.
        var body = response.Content.Headers.ContentType?.MediaType == "text/event-stream" ? "" : await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body, response.Headers.Location?.ToString());
    }

    /// <summary>The figures that count tasks, as one string, from every counting route the row may call.</summary>
    private static async Task<string> CountsAsync(Row row)
    {
        var client = row.Client!;
        var figures = new StringBuilder();
        async Task<JsonElement?> GetAsync(string permission, string path) =>
            row.Has(permission) ? await client.GetFromJsonAsync<JsonElement>(path) : null;
        static string Items(JsonElement? list, params string[] names) =>
            list is not { } l ? "-" : string.Join(';', l.GetProperty("items").EnumerateArray().Select(i => string.Join(',', names.Select(n => i.TryGetProperty(n, out var v) ? v.ToString() : "?"))));

        figures.Append("tasks=").Append((await GetAsync(Permissions.TaskList, "/api/tasks"))?.GetProperty("total").ToString());
        figures.Append(" failed=").Append((await GetAsync(Permissions.TaskList, "/api/failed-tasks"))?.GetProperty("total").ToString());
        figures.Append(" user-tasks=").Append((await client.GetFromJsonAsync<JsonElement>("/api/user-tasks")).GetProperty("items").GetArrayLength());
        figures.Append(" queues=").Append(Items(await GetAsync(Permissions.TaskList, "/api/queues"), "name", "pending", "running", "failed"));
        figures.Append(" nodes=").Append(Items(await GetAsync(Permissions.TaskList, "/api/nodes"), "running"));
        figures.Append(" workers=").Append(Items(await GetAsync(Permissions.WorkerList, "/api/workers"), "identifier", "task_count"));
        figures.Append(" schedules=").Append(Items(await GetAsync(Permissions.TaskScheduleList, "/api/task-schedules"), "id", "last_task_id"));
        if (await GetAsync(Permissions.StatsView, "/api/stats") is { } stats)
        {
            figures.Append(" stats=").Append(stats.GetProperty("total")).Append(' ').Append(stats.GetProperty("counts"));
            figures.Append(" per-worker=").Append(string.Join(';', stats.GetProperty("workers").EnumerateArray().Select(w => w.GetProperty("created").ToString())));
        }
        return figures.ToString();
    }

    /// <summary>Anonymous, each built-in role, and a custom role when the host supports them: one user each, with its own tasks.</summary>
    private static async Task<List<Row>> RowsAsync(ApiHost host, HttpClient admin, Fixtures fixtures)
    {
        var roles = Permissions.Roles.Keys.Where(r => r != Permissions.AdminRole).ToList();
        if (ApiRoutes.From(host.Services.GetRequiredService<EndpointDataSource>()).Any(r => r is { Method: "POST", Path: "/api/roles" }))
        {
            var created = await admin.PostAsJsonAsync("/api/roles", new { name = "matrix-custom", permissions = CustomRolePermissions });
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
            roles.Add("matrix-custom");
        }
        roles.Add(Permissions.AdminRole); // last: its calls change what the others would see (it sees and runs every task)

        var rows = new List<Row> { new("anonymous", null, new HashSet<string>(), host.Anonymous()) };
        foreach (var role in roles)
        {
            var client = await host.UserAsync("matrix-" + role, role);
            var me = await client.GetFromJsonAsync<JsonElement>("/api/auth/me");
            var permissions = me.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()!).ToHashSet(StringComparer.Ordinal);
            if (Permissions.Roles.TryGetValue(role, out var builtIn)) Assert.Equal(builtIn.Order(StringComparer.Ordinal), permissions.Order(StringComparer.Ordinal));
            else Assert.Equal(CustomRolePermissions.Order(StringComparer.Ordinal), permissions.Order(StringComparer.Ordinal));
            var row = new Row(role, client, permissions, host.Anonymous()) { UserId = me.GetProperty("id").GetInt64(), Username = "matrix-" + role };
            await fixtures.AddOwnTasksAsync(host, admin, row);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Every route of the host: its method, pattern below the prefix, and what its metadata says of access.</summary>
    private static List<Route> Routes(ApiHost host)
    {
        var routes = new List<Route>();
        foreach (var endpoint in host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            // Tasklane's policies are named "tasklane:" + the permission (TasklanePolicies.For).
            var permission = policies.SingleOrDefault(p => p != TasklaneClaims.AuthenticatedPolicy) is { } policy
                ? (policy.StartsWith(TasklanePolicies.Prefix, StringComparison.Ordinal) ? policy[TasklanePolicies.Prefix.Length..] : policy)
                : null;
            var secured = policies.Count > 0;
            var api = pattern.StartsWith("/api/", StringComparison.Ordinal) || pattern == "/healthz";
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                // The OpenAPI document states the permission of this same policy (OpenApiDocumentTests); the rows prove it is enforced.
                // A route without authorization metadata is either open (healthz, metrics, openapi, assets) or a console page
                // that authenticates itself; the page's answers tell which.
                var console = !api && !anonymous && !secured && !pattern.StartsWith("/metrics", StringComparison.Ordinal) && !pattern.StartsWith("/openapi", StringComparison.Ordinal);
                var order = method == "DELETE" ? 1 : pattern.EndsWith("logout", StringComparison.Ordinal) ? 2 : 0;
                routes.Add(new Route(method, pattern, permission, anonymous || (!secured && !console), console, order));
            }
        }
        return routes;
    }

    private static string Shorten(string body) => body.Length > 200 ? body[..200] : body;

    private enum Variant { None, Own, Other }

    private sealed record Route(string Method, string Pattern, string? Permission, bool Anonymous, bool Console, int Order);

    private sealed record Row(string Name, HttpClient? Client, IReadOnlySet<string> Permissions, HttpClient Anonymous)
    {
        public long UserId { get; init; }
        public string Username { get; init; } = "";
        public long OwnTaskCount { get; set; }
        public long OwnReport { get; set; }
        public long OwnPipeline { get; set; }
        public long OwnSubtask { get; set; }
        public long VictimUser { get; set; }
        public bool Has(string permission) => Permissions.Contains(permission);
    }

    /// <summary>The tasks, subtasks and users the routes' path parameters point at.</summary>
    private sealed class Fixtures
    {
        private long _otherReport;
        private long _otherPipeline;
        private long _otherSubtask;
        private long _otherPending;
        private string _schedule = "";
        private long _anyUser;
        private HttpClient _owner = null!;

        public static async Task<Fixtures> CreateAsync(ApiHost host, HttpClient admin)
        {
            var fixtures = new Fixtures { _owner = await host.UserAsync("matrix-owner", Permissions.OperatorRole) };
            fixtures._otherReport = await ApiHost.CreateTaskAsync(fixtures._owner, new { worker = "demo", action = "report", data = new { rows = 2 } });
            fixtures._otherPipeline = await ApiHost.CreateTaskAsync(fixtures._owner, new { worker = "demo", action = "pipeline", data = new { fail_step = "publish" } });
            fixtures._otherPending = await ApiHost.CreateTaskAsync(fixtures._owner, new { worker = "sleep", action = "nap", data = new { seconds = 0 }, run_at = DateTimeOffset.UtcNow.AddHours(1) });
            await ApiHost.WaitForStatusAsync(admin, fixtures._otherReport, "completed");
            await ApiHost.WaitForStatusAsync(admin, fixtures._otherPipeline, "failed");
            fixtures._otherSubtask = await FirstSubtaskAsync(admin, fixtures._otherPipeline);
            fixtures._schedule = (await admin.GetFromJsonAsync<JsonElement>("/api/task-schedules")).GetProperty("items")[0].GetProperty("id").ToString();
            fixtures._anyUser = (await fixtures._owner.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("id").GetInt64();
            return fixtures;
        }

        /// <summary>A completed task with an artifact and a failed pipeline with subtasks, created as the row's user.</summary>
        public async Task AddOwnTasksAsync(ApiHost host, HttpClient admin, Row row)
        {
            var client = host.Services.GetRequiredService<ITaskClient>();
            var creator = new TaskOptions { CreatedBy = new TaskCreator(row.UserId, row.Username, ApiHost.ClientIp) };
            row.OwnReport = (await client.CreateAsync("demo", "report", new { rows = 2 }, creator)).Id;
            row.OwnPipeline = (await client.CreateAsync("demo", "pipeline", new { fail_step = "publish" }, creator)).Id;
            row.OwnTaskCount = 2;
            await ApiHost.WaitForStatusAsync(admin, row.OwnReport, "completed");
            await ApiHost.WaitForStatusAsync(admin, row.OwnPipeline, "failed");
            row.OwnSubtask = await FirstSubtaskAsync(admin, row.OwnPipeline);
            var victim = await admin.PostAsJsonAsync("/api/users", new { username = "victim-" + row.Name, password = "victim-password-1", role = Permissions.ViewerRole });
            Assert.Equal(HttpStatusCode.Created, victim.StatusCode);
            row.VictimUser = (await victim.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        }

        /// <summary>More of the owner's tasks: a pending one, a failed one and a completed one.</summary>
        public async Task AddOtherTasksAsync(ApiHost host, HttpClient admin)
        {
            await ApiHost.CreateTaskAsync(_owner, new { worker = "demo", action = "echo", data = new { message = "later" }, run_at = DateTimeOffset.UtcNow.AddHours(1) });
            var failed = await ApiHost.CreateTaskAsync(_owner, new { worker = "demo", action = "fail", data = new { message = "boom" } });
            var done = await ApiHost.CreateTaskAsync(_owner, new { worker = "sleep", action = "nap", data = new { seconds = 0 } });
            await ApiHost.WaitForStatusAsync(admin, failed, "failed");
            await ApiHost.WaitForStatusAsync(admin, done, "completed");
            var triggered = await _owner.PostAsync($"/api/task-schedules/{_schedule}/trigger", null);
            Assert.Equal(HttpStatusCode.Created, triggered.StatusCode);
        }

        /// <summary>The paths a route is called on: its own resource and another user's, for task and subtask routes.</summary>
        public IEnumerable<(Variant, string)> Paths(Route route, Row row)
        {
            var p = route.Pattern;
            string With(string name, object value) => System.Text.RegularExpressions.Regex.Replace(p, "\\{" + name + "(:[a-z]+)?\\}", value.ToString()!);
            if (p.StartsWith("/api/tasks/{id}", StringComparison.Ordinal) || p.StartsWith("/tasks/{id", StringComparison.Ordinal))
            {
                // Subtask lists and retries of the pipeline; everything else of the finished report (it has an artifact).
                var (own, other) = p.Contains("subtasks", StringComparison.Ordinal) || p.EndsWith("/retry", StringComparison.Ordinal)
                    ? (row.OwnPipeline, _otherPipeline) : (row.OwnReport, _otherReport);
                if (p.EndsWith("/execute", StringComparison.Ordinal)) other = _otherPending;
                if (row.Client is not null && row.OwnReport != 0) yield return (Variant.Own, With("id", own));
                yield return (Variant.Other, With("id", other));
            }
            else if (p.StartsWith("/api/subtasks/{id}", StringComparison.Ordinal))
            {
                if (row.Client is not null) yield return (Variant.Own, With("id", row.OwnSubtask));
                yield return (Variant.Other, With("id", _otherSubtask));
            }
            else if (p.Contains("{id}", StringComparison.Ordinal) && p.StartsWith("/api/users/", StringComparison.Ordinal))
            {
                yield return (Variant.None, With("id", route.Method is "DELETE" or "PUT" ? row.VictimUser == 0 ? _anyUser : row.VictimUser : _anyUser));
            }
            else if (p.StartsWith("/api/task-schedules/{id}", StringComparison.Ordinal)) yield return (Variant.None, With("id", _schedule));
            else if (p.Contains("/webhooks/{id}", StringComparison.Ordinal)) yield return (Variant.None, With("id", 1)); // a hook that does not exist: 404, or the console's notice
            else if (p.Contains("{identifier}", StringComparison.Ordinal)) yield return (Variant.None, With("identifier", "demo"));
            else if (p.Contains("{code}", StringComparison.Ordinal)) yield return (Variant.None, With("code", "en"));
            else if (p.Contains("{**name}", StringComparison.Ordinal)) yield return (Variant.None, p.Replace("{**name}", "js/page.js", StringComparison.Ordinal)); // the console's assets, in folders
            else if (p.Contains("{name}", StringComparison.Ordinal)) yield return (Variant.None, With("name", "tasklane.css"));
            else if (p.Contains('{', StringComparison.Ordinal)) Assert.Fail($"{route.Method} {p}: the matrix does not know what to put in its path; add it to Fixtures.Paths");
            else yield return (Variant.None, p);
        }

        private static async Task<long> FirstSubtaskAsync(HttpClient admin, long task) =>
            (await admin.GetFromJsonAsync<JsonElement>($"/api/tasks/{task}/subtasks")).GetProperty("items")[0].GetProperty("id").GetInt64();
    }
}
