using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Tasklane.AspNetCore;

/// <summary>Encrypts worker-setting secrets with ASP.NET Core Data Protection (purpose <c>Tasklane.WorkerSettings.v1</c>).</summary>
public sealed class DataProtectionSecretProtector : ISecretProtector
{
    private const string Purpose = "Tasklane.WorkerSettings.v1";

    private readonly TasklaneKeyRing? _ring;
    private IDataProtector _protector;

    /// <summary>Protects with <paramref name="provider"/> (a host's own Data Protection).</summary>
    public DataProtectionSecretProtector(IDataProtectionProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _protector = provider.CreateProtector(Purpose);
    }

    /// <summary>Protects with Tasklane's own key ring, read again when a secret names a key another node added since.</summary>
    internal DataProtectionSecretProtector(TasklaneKeyRing ring)
    {
        _ring = ring;
        _protector = ring.Protector(Purpose);
    }

    /// <inheritdoc />
    public string Protect(string plaintext) => Volatile.Read(ref _protector).Protect(plaintext);

    /// <inheritdoc />
    public string Unprotect(string protectedText)
    {
        var protector = Volatile.Read(ref _protector);
        try
        {
            return protector.Unprotect(protectedText);
        }
        catch (CryptographicException) when (_ring is not null && _ring.Reload())
        {
            protector = _ring.Protector(Purpose);
            Volatile.Write(ref _protector, protector);
            return protector.Unprotect(protectedText);
        }
    }
}
