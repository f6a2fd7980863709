using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tasklane.AspNetCore;

/// <summary>
/// Tasklane's own Data Protection key ring, private to Tasklane: a provider built in a container of its own, so the
/// host's Data Protection setup (its key ring, application name, encryptor) is neither used nor changed. Its keys live
/// in the database when <see cref="TasklaneOptions.FilesInDatabaseFor"/> says so and no <see cref="TasklaneOptions.KeysPath"/>
/// is set (the default on PostgreSQL), else in the keys folder (the default on SQLite: beside the database). The host
/// protects them at rest with <see cref="TasklaneHttpOptions.KeyRingCertificate"/> or <see cref="TasklaneHttpOptions.ConfigureKeyRing"/>.
/// </summary>
internal sealed class TasklaneKeyRing : IDisposable
{
    /// <summary>The least time between two reloads of the key ring for a key it did not know.</summary>
    private static readonly TimeSpan ReloadPause = TimeSpan.FromSeconds(5);

    private readonly Func<ServiceProvider> _build;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private ServiceProvider _container;
    private DateTimeOffset _loadedAt;

    public TasklaneKeyRing(IOptions<TasklaneOptions> options, IOptions<TasklaneHttpOptions> http, ITaskStore store, ILoggerFactory loggers, TimeProvider time)
    {
        var o = options.Value;
        _time = time;
        Repository = o.KeysPath is null && o.FilesInDatabaseFor(store)
            ? new DatabaseXmlRepository((IFileStore)store, time, o.ResolvedKeysPath)
            : new FileSystemXmlRepository(new DirectoryInfo(o.ResolvedKeysPath), loggers);
        _build = () =>
        {
            var services = new ServiceCollection();
            services.AddSingleton(loggers);
            services.AddSingleton(time);
            var builder = services.AddDataProtection().SetApplicationName("Tasklane");
            builder.AddKeyManagementOptions(k => k.XmlRepository = Repository);
            if (http.Value.KeyRingCertificate is { } certificate) builder.ProtectKeysWithCertificate(certificate);
            http.Value.ConfigureKeyRing?.Invoke(builder);
            return services.BuildServiceProvider();
        };
        _container = _build();
        _loadedAt = time.GetUtcNow();
    }

    /// <summary>Where the keys are kept (the database or a folder).</summary>
    public IXmlRepository Repository { get; }

    /// <summary>A protector of the current key ring for <paramref name="purpose"/>.</summary>
    public IDataProtector Protector(string purpose)
    {
        lock (_lock) return _container.GetDataProtector(purpose);
    }

    /// <summary>A protector of the current key ring for a chain of purposes.</summary>
    public IDataProtector Protector(string[] purposes)
    {
        lock (_lock) return _container.GetRequiredService<IDataProtectionProvider>().CreateProtector(purposes);
    }

    /// <summary>This key ring as a provider whose protectors always use the current key ring.</summary>
    public IDataProtectionProvider Provider => new KeyRingProvider(this);

    /// <summary>
    /// Reads the key ring afresh (another node may have added a key since it was read), at most once per few seconds;
    /// true when it did.
    /// </summary>
    public bool Reload()
    {
        ServiceProvider old;
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (now - _loadedAt < ReloadPause) return false;
            old = _container;
            _container = _build();
            _loadedAt = now;
        }
        old.Dispose();
        return true;
    }

    public void Dispose()
    {
        lock (_lock) _container.Dispose();
    }
}
