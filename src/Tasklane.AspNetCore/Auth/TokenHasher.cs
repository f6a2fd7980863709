using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Tasklane.AspNetCore;

/// <summary>Opaque sign-in tokens: 32 random bytes in base64url; only their SHA-256 hash is stored.</summary>
internal static class TokenHasher
{
    public static string NewToken() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
