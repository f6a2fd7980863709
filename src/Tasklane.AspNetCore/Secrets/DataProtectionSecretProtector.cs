using Microsoft.AspNetCore.DataProtection;

namespace Tasklane.AspNetCore;

/// <summary>Encrypts worker-setting secrets with ASP.NET Core Data Protection (purpose <c>Tasklane.WorkerSettings.v1</c>).</summary>
public sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    private readonly IDataProtector _protector = provider.CreateProtector("Tasklane.WorkerSettings.v1");

    /// <inheritdoc />
    public string Protect(string plaintext) => _protector.Protect(plaintext);

    /// <inheritdoc />
    public string Unprotect(string protectedText) => _protector.Unprotect(protectedText);
}
