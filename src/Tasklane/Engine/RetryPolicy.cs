using Microsoft.Extensions.Options;

namespace Tasklane;

/// <summary>Exponential backoff with jitter: base × 2^(n−1), ±25 %, capped.</summary>
internal sealed class RetryPolicy(IOptions<TasklaneOptions> options)
{
    public TimeSpan NextDelay(int attemptInBudget)
    {
        var o = options.Value;
        var exponent = Math.Clamp(attemptInBudget - 1, 0, 30);
        var ticks = Math.Min(o.RetryBaseDelay.Ticks * Math.Pow(2, exponent), o.RetryMaxDelay.Ticks);
        var jitter = 1 + ((Random.Shared.NextDouble() * 0.5) - 0.25);
        return TimeSpan.FromTicks((long)Math.Min(ticks * jitter, o.RetryMaxDelay.Ticks));
    }
}
