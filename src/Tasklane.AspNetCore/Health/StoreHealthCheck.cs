using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Tasklane.AspNetCore;

/// <summary>The store answers a ping within <see cref="TasklaneHealthOptions.StoreTimeout"/>.</summary>
internal sealed class StoreHealthCheck(ITaskStore store, IOptions<TasklaneHealthOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.StoreTimeout);
        try
        {
            await store.PingAsync(timeout.Token);
            return HealthCheckResult.Healthy($"The store ({store.Name}) answers.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"The store ({store.Name}) does not answer: {ex.Message}");
        }
    }
}
