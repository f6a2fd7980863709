using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Tasklane.AspNetCore;

/// <summary>
/// <see cref="TasklaneKeyRing"/> as a Data Protection provider for services that hold on to their protectors (the
/// console's anti-forgery): every call goes to the key ring as it is now, and a payload made with a key that another
/// node added since is read after one reload.
/// </summary>
internal sealed class KeyRingProvider(TasklaneKeyRing ring) : IDataProtectionProvider
{
    public IDataProtector CreateProtector(string purpose) => new KeyRingProtector(ring, [purpose]);
}

/// <summary>A protector of <see cref="TasklaneKeyRing"/> for a chain of purposes.</summary>
internal sealed class KeyRingProtector(TasklaneKeyRing ring, string[] purposes) : IDataProtector
{
    public IDataProtector CreateProtector(string purpose) => new KeyRingProtector(ring, [.. purposes, purpose]);

    public byte[] Protect(byte[] plaintext) => ring.Protector(purposes).Protect(plaintext);

    public byte[] Unprotect(byte[] protectedData)
    {
        try
        {
            return ring.Protector(purposes).Unprotect(protectedData);
        }
        catch (CryptographicException) when (ring.Reload())
        {
            return ring.Protector(purposes).Unprotect(protectedData);
        }
    }
}
