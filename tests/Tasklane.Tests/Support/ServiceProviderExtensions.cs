using Microsoft.Extensions.DependencyInjection;

namespace Tasklane.Tests.Support;

public static class ServiceProviderExtensions
{
    public static T GetRequiredServiceOf<T>(this IServiceProvider services) where T : notnull => services.GetRequiredService<T>();
}
