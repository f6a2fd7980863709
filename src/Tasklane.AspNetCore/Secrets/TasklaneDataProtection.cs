using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tasklane.AspNetCore;

/// <summary>
/// The Data Protection provider of Tasklane's secrets and anti-forgery tokens: a private one (application name
/// <c>Tasklane</c>, the key ring of <see cref="TasklaneKeyRingOptions"/>) built beside the host's container, so
/// nothing in the host's Data Protection changes; or the host's own when it asks (<see cref="TasklaneKeyRingOptions.UseHostKeyRing"/>).
/// </summary>
internal sealed class TasklaneDataProtection : IDisposable
{
    /// <summary>The application name of Tasklane's key ring (the root purpose of everything it protects).</summary>
    public const string ApplicationName = "Tasklane";

    private readonly ServiceProvider? _own;

    public TasklaneDataProtection(IOptions<TasklaneKeyRingOptions> keyRing, IOptions<TasklaneOptions> tasklane, ILoggerFactory loggers, IServiceProvider host)
    {
        var options = keyRing.Value;
        if (options.UseHostKeyRing)
        {
            Provider = host.GetRequiredService<IDataProtectionProvider>();
            return;
        }
        var services = new ServiceCollection();
        services.AddSingleton(loggers);
        var builder = services.AddDataProtection().SetApplicationName(ApplicationName);
        if (options.Certificate is { } certificate) builder.ProtectKeysWithCertificate(certificate);
        var repository = options.XmlRepository ?? new FileSystemXmlRepository(new DirectoryInfo(tasklane.Value.ResolvedKeysPath), loggers);
        services.Configure<KeyManagementOptions>(k => k.XmlRepository = repository);
        _own = services.BuildServiceProvider();
        Provider = _own.GetRequiredService<IDataProtectionProvider>();
    }

    public IDataProtectionProvider Provider { get; }

    public void Dispose() => _own?.Dispose();
}
