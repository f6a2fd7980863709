using System.Text.Json.Nodes;

namespace Tasklane.Tests.Engine;

public sealed class WorkerSettingsCodecTests
{
    private static readonly WorkerDescriptor Worker = new(typeof(SettingsDefaultsWorker));
    private static readonly WorkerSettingsCodec Codec = new([]);

    [Fact]
    public void Masked_NothingStored_ShowsEveryMemberWithItsDefaultAndSecretsByWhetherSet()
    {
        var shown = Codec.Masked(Worker, null);

        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"region":"eu","retries":3,"endpoint":null,"token":null,"password":"********"}"""), shown), shown.ToJsonString());
    }

    [Fact]
    public void Masked_SomeStored_OverlaysTheDefaults()
    {
        var shown = Codec.Masked(Worker, """{"retries":5,"token":"enc:abc","password":""}""");

        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"region":"eu","retries":5,"endpoint":null,"token":"********","password":null}"""), shown), shown.ToJsonString());
    }

    [Fact]
    public void Masked_WorkerWithoutSettings_IsEmpty()
    {
        Assert.Empty(Codec.Masked(new WorkerDescriptor(typeof(DiscoverableWorker)), null));
    }
}

/// <summary>Settings with defaults, a nullable member and secrets, for <see cref="WorkerSettingsCodecTests"/>.</summary>
public sealed record SettingsWithDefaults(string Region = "eu", int Retries = 3, string? Endpoint = null,
    [property: Secret] string? Token = null, [property: Secret] string Password = "default-password");

/// <summary>A worker class that no host registers, only here for its settings type.</summary>
[Worker("settings-defaults", Settings = typeof(SettingsWithDefaults))]
public sealed class SettingsDefaultsWorker : TaskWorker
{
    [Action("run")]
    public Task RunAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
