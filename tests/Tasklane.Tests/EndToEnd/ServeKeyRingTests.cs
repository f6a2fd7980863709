using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.EndToEnd;

/// <summary><c>tasklane serve --keys-path --keys-certificate</c>: the key ring where the operator says, encrypted at rest.</summary>
[Collection("Processes")]
public sealed class ServeKeyRingTests
{
    [Fact]
    public async Task Serve_KeysPathAndCertificate_KeyRingThereAndEncrypted()
    {
        using var directory = new TempDirectory();
        var keys = Path.Combine(Path.GetDirectoryName(directory.DatabasePath)!, "elsewhere-keys");
        var pfx = Path.Combine(Path.GetDirectoryName(directory.DatabasePath)!, "keys.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=Tasklane serve key ring test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx));
        }
        await using var serve = await ServeProcess.StartAsync(directory.DatabasePath, "--keys-path", keys, "--keys-certificate", pfx);
        await serve.SignInAsync();

        var put = await serve.Http.PutAsJsonAsync("api/workers/demo-sync/settings", new { settings = new { api_key = "serve-key-ring-secret" } });

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var xml = string.Concat(Directory.GetFiles(keys, "key-*.xml").Select(File.ReadAllText));
        Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(directory.DatabasePath)!, "tasklane-keys")));
    }
}
