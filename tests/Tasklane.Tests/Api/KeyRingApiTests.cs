using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Api;

/// <summary>Where the key ring that encrypts worker secrets lives, and how the host protects it at rest.</summary>
public sealed class KeyRingApiTests
{
    private const string Secret = "key-ring-test-secret-value";

    [Fact]
    public async Task Default_KeysInTheDataFolder_Unencrypted()
    {
        string keys;
        await using (var host = await ApiHost.StartAsync())
        {
            await SaveSecretAsync(host);
            keys = KeyXml(Path.Combine(Path.GetDirectoryName(host.DatabasePath)!, "tasklane-keys"));
        }

        Assert.Contains("<masterKey", keys, StringComparison.Ordinal);
        Assert.DoesNotContain("<encryptedSecret", keys, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostPersistsItsKeysElsewhere_TasklaneKeepsItsOwnKeyRing()
    {
        var elsewhere = Path.Combine(Path.GetTempPath(), $"tasklane-host-keys-{Guid.NewGuid():N}");
        try
        {
            await using var host = await ApiHost.StartAsync(host: (services, _) =>
                services.AddDataProtection().SetApplicationName("host-app").PersistKeysToFileSystem(new DirectoryInfo(elsewhere)));
            await SaveSecretAsync(host);

            var tasklaneKeys = Path.Combine(Path.GetDirectoryName(host.DatabasePath)!, "tasklane-keys");
            Assert.Contains("<masterKey", KeyXml(tasklaneKeys), StringComparison.Ordinal);
            Assert.Empty(KeyIds(tasklaneKeys).Intersect(KeyIds(elsewhere)));
            // The host's own protector still works with the host's key ring and application name.
            var hostProtector = host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("host-purpose");
            Assert.Equal("host-data", hostProtector.Unprotect(hostProtector.Protect("host-data")));
            Assert.NotEmpty(Directory.GetFiles(elsewhere, "key-*.xml"));
        }
        finally
        {
            if (Directory.Exists(elsewhere)) Directory.Delete(elsewhere, recursive: true);
        }
    }

    [Fact]
    public async Task KeyRingCertificate_KeysInTheDataFolderAreEncrypted()
    {
        using var certificate = SelfSigned();
        string keys;
        await using (var host = await ApiHost.StartAsync(host: (services, _) =>
            services.Configure<TasklaneKeyRingOptions>(o => o.Certificate = certificate)))
        {
            await SaveSecretAsync(host);
            keys = KeyXml(Path.Combine(Path.GetDirectoryName(host.DatabasePath)!, "tasklane-keys"));
        }

        Assert.Contains("<encryptedSecret", keys, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", keys, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostProtectsItsOwnKeysWithACertificate_TasklaneKeyRingIsUntouchedByIt()
    {
        using var certificate = SelfSigned();
        string keys;
        await using (var host = await ApiHost.StartAsync(host: (services, _) =>
            services.AddDataProtection().ProtectKeysWithCertificate(certificate)))
        {
            await SaveSecretAsync(host);
            keys = KeyXml(Path.Combine(Path.GetDirectoryName(host.DatabasePath)!, "tasklane-keys"));
        }

        Assert.Contains("<masterKey", keys, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseHostKeyRing_SecretsUseTheHostsKeysWithTasklanesPurpose()
    {
        var elsewhere = Path.Combine(Path.GetTempPath(), $"tasklane-host-keys-{Guid.NewGuid():N}");
        try
        {
            await using var host = await ApiHost.StartAsync(host: (services, _) =>
            {
                services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(elsewhere));
                services.Configure<TasklaneKeyRingOptions>(o => o.UseHostKeyRing = true);
            });
            await SaveSecretAsync(host);

            Assert.NotEmpty(Directory.GetFiles(elsewhere, "key-*.xml"));
            Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(host.DatabasePath)!, "tasklane-keys")), "Tasklane made a key ring of its own although the host asked it to use its own");
        }
        finally
        {
            if (Directory.Exists(elsewhere)) Directory.Delete(elsewhere, recursive: true);
        }
    }

    /// <summary>Saves a worker secret, then reads it back through the worker's settings, as a task would.</summary>
    private static async Task SaveSecretAsync(ApiHost host)
    {
        using var admin = await host.AdminAsync();
        var put = await admin.PutAsJsonAsync("/api/workers/demo-sync/settings", new { settings = new { endpoint = "https://example.test", api_key = Secret } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var settings = await host.Services.GetRequiredServiceOf<WorkerCatalog>().ReadSettingsAsync<Tasklane.Samples.DemoSyncSettings>("demo-sync", CancellationToken.None);
        Assert.Equal(Secret, settings.ApiKey);
    }

    private static IEnumerable<string> KeyIds(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, "key-*.xml").Select(f => Path.GetFileName(f)) : [];

    private static string KeyXml(string folder) =>
        string.Concat(Directory.GetFiles(folder, "key-*.xml").Select(File.ReadAllText));

    private static X509Certificate2 SelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Tasklane key ring test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        // Through PKCS#12, so the private key is usable for decryption on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
