using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Tasklane.AspNetCore;

/// <summary>Counts failed sign-ins per username and client address in memory, over a sliding window.</summary>
internal sealed class LoginThrottle(IOptions<TasklaneHttpOptions> options, TimeProvider time)
{
    private const int MaxKeys = 10_000;
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    /// <summary>How long the caller must wait, or null when it may try now.</summary>
    public TimeSpan? RetryAfter(string username, string? ip)
    {
        if (!_failures.TryGetValue(Key(username, ip), out var failures)) return null;
        var now = time.GetUtcNow();
        lock (failures)
        {
            Prune(failures, now);
            if (failures.Count < options.Value.LoginAttempts) return null;
            var wait = failures.Peek() + options.Value.LoginWindow - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
        }
    }

    public void Failed(string username, string? ip)
    {
        var now = time.GetUtcNow();
        if (_failures.Count >= MaxKeys) Sweep(now);
        var failures = _failures.GetOrAdd(Key(username, ip), _ => new Queue<DateTimeOffset>());
        lock (failures)
        {
            Prune(failures, now);
            failures.Enqueue(now);
        }
    }

    public void Succeeded(string username, string? ip) => _failures.TryRemove(Key(username, ip), out _);

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, failures) in _failures)
        {
            lock (failures)
            {
                Prune(failures, now);
                if (failures.Count == 0) _failures.TryRemove(key, out _);
            }
        }
    }

    private void Prune(Queue<DateTimeOffset> failures, DateTimeOffset now)
    {
        while (failures.Count > 0 && failures.Peek() <= now - options.Value.LoginWindow) failures.Dequeue();
    }

    private static string Key(string username, string? ip) => username.ToUpperInvariant() + "|" + ip;
}
