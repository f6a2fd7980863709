using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Tasklane.Tests.Api;

/// <summary>Every place a password is set refuses blank, short and guessable ones with a 400 naming the rule.</summary>
public sealed class PasswordPolicyApiTests : IAsyncLifetime
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

    public static TheoryData<string, string> Weak => new()
    {
        { "", "blank" },
        { "          ", "blank" },
        { "\t \n  \t   ", "blank" },
        { "short1", "at least 8" },
        { "12345678", "consecutive" },
        { "abcdefghij", "consecutive" },
        { "87654321", "consecutive" },
        { "aaaaaaaa", "repeated" },
        { "password", "common" },
        { "PassWord", "common" },
        { "qwerty123", "common" },
        { "iloveyou", "common" },
        { "dave.smith", "username" },
        { "DAVE.SMITH", "username" },
    };

    [Theory]
    [MemberData(nameof(Weak))]
    public async Task CreateUser_WeakPassword_Returns400NamingTheRule(string password, string rule)
    {
        var problem = await ProblemAssert.IsAsync(
            _admin.PostAsJsonAsync("/api/users", new { username = "dave.smith", password, role = "viewer" }), HttpStatusCode.BadRequest, "password");

        Assert.Contains(rule, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(await _host.Accounts.FindUserAsync("dave.smith", CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Weak))]
    public async Task UpdateUser_WeakPassword_Returns400AndKeepsTheOldOne(string password, string rule)
    {
        var created = await _admin.PostAsJsonAsync("/api/users", new { username = "dave.smith", password = "a-good-secret-7", role = "viewer" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var problem = await ProblemAssert.IsAsync(_admin.PutAsJsonAsync($"/api/users/{id}", new { password }), HttpStatusCode.BadRequest, "password");

        Assert.Contains(rule, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var dave = await _host.SignInAsync("dave.smith", "a-good-secret-7");
    }

    [Theory]
    [InlineData("password1", "common")]
    [InlineData("admin", "at least 8")]
    [InlineData("        ", "blank")]
    public async Task ChangeOwnPassword_WeakPassword_Returns400(string password, string rule)
    {
        var me = (await _admin.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("id").GetInt64();

        var problem = await ProblemAssert.IsAsync(_admin.PutAsJsonAsync($"/api/users/{me}", new { password }), HttpStatusCode.BadRequest, "password");

        Assert.Contains(rule, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GoodPassword_IsAccepted()
    {
        var created = await _admin.PostAsJsonAsync("/api/users", new { username = "dave.smith", password = "correct horse battery", role = "viewer" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Theory]
    [InlineData("password", "common")]
    [InlineData("11111111", "repeated")]
    [InlineData("         ", "blank")]
    [InlineData("admin", "at least 8")]
    public async Task AdminPassword_Weak_FailsStartNamingTheRule(string password, string rule)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ApiHost.StartAsync(o => o.AdminPassword = password));

        Assert.Contains("AdminPassword", error.Message, StringComparison.Ordinal);
        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
    }
}
