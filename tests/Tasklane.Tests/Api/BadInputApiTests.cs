using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Tasklane.Tests.Api;

/// <summary>
/// Input that used to answer 500 (issue 10, "Robustness"): each answers a problem+json 4xx now, and leaves no
/// error or exception in the log.
/// </summary>
public sealed class BadInputApiTests : IAsyncLifetime
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

    private void AssertNoErrorLogged() =>
        Assert.True(_host.Logs.Errors.Count == 0, "logged: " + string.Join("\n", _host.Logs.Errors));

    private static async Task AssertClientErrorAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        Assert.True(status is >= 400 and < 500, $"Expected a 4xx, got {status}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    public static TheoryData<string> LoginBodies => ["huge-value", "many-fields", "broken-multipart", "json"];

    [Theory]
    [MemberData(nameof(LoginBodies))]
    public async Task LoginForm_MalformedBody_Returns4xxAndLogsNoError(string kind)
    {
        using var client = _host.Anonymous();
        HttpContent content = kind switch
        {
            "huge-value" => new StringContent("username=admin&password=" + new string('x', 4 * 1024 * 1024 + 10), Encoding.ASCII, "application/x-www-form-urlencoded"),
            "many-fields" => new StringContent(string.Join("&", Enumerable.Range(0, 5000).Select(i => $"f{i}=v")), Encoding.ASCII, "application/x-www-form-urlencoded"),
            "broken-multipart" => BrokenMultipart(),
            _ => new StringContent("""{"username":"admin","password":"x"}""", Encoding.UTF8, "application/json"),
        };
        await AssertClientErrorAsync(await client.PostAsync("/login", content));
        AssertNoErrorLogged();
    }

    private static ByteArrayContent BrokenMultipart()
    {
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes("--b\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nadmin\r\n--b\r\nContent-Disp"));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        return content;
    }

    [Theory]
    [InlineData("from=9999-12-31T00:00:00Z&to=9999-12-31T23:59:59Z", "to")]
    [InlineData("from=9999-12-01T00:00:00Z&to=9999-12-31T23:59:59Z", "to")]
    public async Task Stats_Year9999_Returns400NamingTheTime(string query, string field)
    {
        await ProblemAssert.IsAsync(_admin.GetAsync("/api/stats?" + query), HttpStatusCode.BadRequest, field);
        AssertNoErrorLogged();
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(1_000_000)]
    public async Task Cleanup_HugeOlderThanDays_Returns400(int days)
    {
        await ProblemAssert.IsAsync(_admin.PostAsJsonAsync("/api/tasks/cleanup", new { older_than_days = days }), HttpStatusCode.BadRequest, "older_than_days");
        AssertNoErrorLogged();
    }

    [Theory]
    [InlineData("""{"seconds":1e308}""", "data.seconds")]
    [InlineData("""{"seconds":-1e308}""", "data.seconds")]
    [InlineData("""{"seconds":1,"steps":1e30}""", "data.steps")]
    public async Task Create_NumberBeyondTheRangeAttribute_Returns400NamingTheField(string data, string field)
    {
        var body = $$"""{"worker":"demo","action":"sleep","data":{{data}}}""";
        await ProblemAssert.IsAsync(_admin.PostAsync("/api/tasks", new StringContent(body, Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, field);
        AssertNoErrorLogged();
    }

    private static ByteArrayContent RawJson(params byte[][] parts)
    {
        var content = new ByteArrayContent([.. parts.SelectMany(p => p)]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    [Fact]
    public async Task Create_InvalidUtf8InData_Returns400()
    {
        var before = (await _admin.GetFromJsonAsync<JsonElement>("/api/tasks")).GetProperty("total").GetInt64();
        var content = RawJson(Encoding.UTF8.GetBytes("""{"worker":"demo","action":"echo","data":{"message":"a"""), [0xFF, 0xFE], Encoding.UTF8.GetBytes("\"}}"));
        await ProblemAssert.IsAsync(_admin.PostAsync("/api/tasks", content), HttpStatusCode.BadRequest);
        AssertNoErrorLogged();
        Assert.Equal(before, (await _admin.GetFromJsonAsync<JsonElement>("/api/tasks")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task PutSettings_InvalidUtf8_Returns400AndStoresNothing()
    {
        var content = RawJson(Encoding.UTF8.GetBytes("""{"settings":{"endpoint":"https://a"""), [0xC3, 0x28], Encoding.UTF8.GetBytes("\"}}"));
        await ProblemAssert.IsAsync(_admin.PutAsync("/api/workers/demo-sync/settings", content), HttpStatusCode.BadRequest);
        AssertNoErrorLogged();
        var settings = await _admin.GetFromJsonAsync<JsonElement>("/api/workers/demo-sync/settings");
        Assert.Equal(JsonValueKind.Null, settings.GetProperty("settings").GetProperty("endpoint").ValueKind);
    }
}
