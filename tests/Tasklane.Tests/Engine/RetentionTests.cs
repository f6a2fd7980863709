using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tasklane.Samples;

namespace Tasklane.Tests.Engine;

public sealed class RetentionTests
{
    [Fact]
    public async Task CleanOnce_CompletedTaskOlderThanRetention_IsRemovedWithItsLog()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        // The retention loop itself must not run when the clock jumps: this test calls it once, by hand.
        await using var engine = await EngineHost.StartAsync(o => o.RetentionInterval = TimeSpan.FromDays(3650), services: s => s.AddSingleton<TimeProvider>(time));
        var old = await engine.Client.CreateAsync("demo", "echo", new EchoArgs("old"));
        var failed = await engine.Client.CreateAsync("demo", "fail", new FailArgs("kept"));
        await engine.WaitForStatusAsync(old.Id, TaskState.Completed);
        await engine.WaitForStatusAsync(failed.Id, TaskState.Failed);
        time.Advance(TimeSpan.FromDays(31));
        var recent = await engine.Client.CreateAsync("demo", "echo", new EchoArgs("recent"));
        await engine.WaitForStatusAsync(recent.Id, TaskState.Completed);

        var result = await engine.Host.Services.GetRequiredService<Retention>().CleanOnceAsync(CancellationToken.None);

        Assert.Equal(1, result.Tasks);
        Assert.True(result.LogLines >= 3);
        Assert.Null(await engine.Store.GetTaskAsync(old.Id, CancellationToken.None));
        Assert.Empty(await engine.Store.GetLogsAsync(old.Id, 0, 10, CancellationToken.None));
        Assert.NotNull(await engine.Store.GetTaskAsync(failed.Id, CancellationToken.None));
        Assert.NotNull(await engine.Store.GetTaskAsync(recent.Id, CancellationToken.None));
    }
}
