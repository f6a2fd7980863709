using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Tasklane.AspNetCore;

/// <summary>Registers Tasklane's own key ring and the secret protector that uses it.</summary>
internal static class TasklaneKeyRingServiceCollectionExtensions
{
    public static IServiceCollection AddTasklaneKeyRing(this IServiceCollection services)
    {
        services.TryAddSingleton<TasklaneKeyRing>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISecretProtector, DataProtectionSecretProtector>(
            sp => new DataProtectionSecretProtector(sp.GetRequiredService<TasklaneKeyRing>())));
        return services;
    }
}
