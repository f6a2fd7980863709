namespace Tasklane.Tests.Support;

/// <summary>Waits for a condition with a timeout, checking it often; fails the test with a message when it never holds.</summary>
public static class Eventually
{
    public static async Task<T> ValueAsync<T>(Func<Task<T>> probe, Func<T, bool> until, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        T value;
        while (true)
        {
            value = await probe();
            if (until(value)) return value;
            if (DateTime.UtcNow > deadline) break;
            await Task.Delay(20);
        }
        Assert.Fail($"Condition not met in time{(because is null ? "" : ": " + because)}. Last value: {value}");
        return value;
    }

    public static Task TrueAsync(Func<Task<bool>> probe, TimeSpan? timeout = null, string? because = null) =>
        ValueAsync(probe, v => v, timeout, because);

    public static Task TrueAsync(Func<bool> probe, TimeSpan? timeout = null, string? because = null) =>
        ValueAsync(() => Task.FromResult(probe()), v => v, timeout, because);
}
