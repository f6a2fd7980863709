using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tasklane.Tests.Api;

/// <summary><c>POST /api/tasks/batch</c>: all or none, in order, with the item at fault named.</summary>
public sealed class TaskBatchApiTests : IAsyncLifetime
{
    private ApiHost _host = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync();
        _admin = await _host.AdminAsync();
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Batch_Valid_Returns201WithTasksInOrderAndRunsThem()
    {
        var body = new
        {
            tasks = Enumerable.Range(0, 25).Select(i => new { worker = "sleep", action = "nap", data = new { seconds = 0 }, object_type = "row", object_id = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
        };

        var response = await _admin.PostAsJsonAsync("/api/tasks/batch", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(25, items.Count);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), items.Select(t => t.GetProperty("object_id").GetString()));
        Assert.All(items, t => Assert.Equal("admin", t.GetProperty("created_by").GetProperty("username").GetString()));
        var ids = items.Select(t => t.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(ids.Order(), ids);
        foreach (var id in ids) await ApiHost.WaitForStatusAsync(_admin, id, "completed");
    }

    [Theory]
    [InlineData("""{"worker":"nope","action":"nap"}""", "tasks[1].worker")]
    [InlineData("""{"worker":"sleep","action":"nap","data":{"seconds":"x"}}""", "tasks[1].data.seconds")]
    [InlineData("""{"worker":"sleep"}""", "tasks[1].action")]
    [InlineData("""{"worker":"sleep","action":"nap","data":{"seconds":0},"queue":"Bad Queue"}""", "tasks[1].queue")]
    public async Task Batch_OneBadItem_Returns400NamingItAndCreatesNothing(string bad, string field)
    {
        var before = await TotalAsync();
        var json = $$$"""{"tasks":[{"worker":"sleep","action":"nap","data":{"seconds":0}},{{{bad}}},{"worker":"sleep","action":"nap"}]}""";

        var response = await _admin.PostAsync("/api/tasks/batch", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Equal(before, await TotalAsync());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task Batch_TooFewOrTooMany_Returns400(int count)
    {
        var body = new { tasks = Enumerable.Range(0, count).Select(_ => new { worker = "sleep", action = "nap" }) };

        var response = await _admin.PostAsJsonAsync("/api/tasks/batch", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("tasks", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }

    private async Task<long> TotalAsync() =>
        (await _admin.GetFromJsonAsync<JsonElement>("/api/tasks?page_size=1")).GetProperty("total").GetInt64();
}
