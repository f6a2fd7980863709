using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tasklane.Tests.Api;

/// <summary>No change leaves the store without an enabled user who can manage users, even when two admins race.</summary>
public sealed class LastAdminApiTests : IAsyncLifetime
{
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("demote")]
    [InlineData("disable")]
    [InlineData("delete")]
    public async Task TwoAdmins_ActOnEachOtherAtOnce_OneLosesAndOneAdminRemains(string change)
    {
        for (var round = 0; round < 3; round++)
        {
            await using var host = await ApiHost.StartAsync();
            using var admin = await host.AdminAsync();
            using var ann = await host.UserAsync("ann", "admin");
            var adminId = await MeAsync(admin);
            var annId = await MeAsync(ann);

            var answers = await Task.WhenAll(Task.Run(() => ChangeAsync(admin, annId, change)), Task.Run(() => ChangeAsync(ann, adminId, change)));

            // The loser is 409 when it was let in before the winner's change committed (the store's check inside the
            // transaction refuses it); 403 or 401 when its own request came after and it had lost the role already.
            var statuses = string.Join(", ", answers.Select(a => (int)a.StatusCode));
            var managers = (await host.Accounts.ListUsersAsync(CancellationToken.None)).Count(u => u.Role == "admin" && !u.Disabled);
            Assert.True(managers == 1, $"round {round}, {change}: answers {statuses}; enabled admins left: {managers}");
            Assert.Single(answers, a => a.IsSuccessStatusCode);
            var loser = answers.Single(a => !a.IsSuccessStatusCode);
            Assert.Contains(loser.StatusCode, new[] { HttpStatusCode.Conflict, HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized });
            var problem = await ProblemAssert.IsAsync(loser, loser.StatusCode);
            if (loser.StatusCode == HttpStatusCode.Conflict)
            {
                Assert.Contains("user:manage", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task ChangingAnotherAdmin_WhileOneRemains_Succeeds()
    {
        using var admin = await _host.AdminAsync();
        using var ann = await _host.UserAsync("ann", "admin");
        var annId = await MeAsync(ann);

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/users/{annId}", new { role = "operator" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/users/{annId}", new { role = "admin", disabled = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/users/{annId}")).StatusCode);
    }

    private static Task<HttpResponseMessage> ChangeAsync(HttpClient client, long id, string change) => change switch
    {
        "demote" => client.PutAsJsonAsync($"/api/users/{id}", new { role = "operator" }),
        "disable" => client.PutAsJsonAsync($"/api/users/{id}", new { disabled = true }),
        _ => client.DeleteAsync($"/api/users/{id}"),
    };

    private static async Task<long> MeAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("id").GetInt64();
}
