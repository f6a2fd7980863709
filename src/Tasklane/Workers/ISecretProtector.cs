namespace Tasklane;

/// <summary>Encrypts worker-setting secrets at rest. The ASP.NET Core package supplies one built on Data Protection.</summary>
public interface ISecretProtector
{
    /// <summary>Encrypts a secret.</summary>
    string Protect(string plaintext);

    /// <summary>Decrypts a secret; throws when it was not made by this protector's keys.</summary>
    string Unprotect(string protectedText);
}
