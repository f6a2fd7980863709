namespace Tasklane.AspNetCore;

/// <summary>The secret protector <c>AddTasklaneHttp</c> registers: <see cref="DataProtectionSecretProtector"/> on Tasklane's own key ring.</summary>
internal sealed class TasklaneSecretProtector(TasklaneDataProtection dataProtection) : ISecretProtector
{
    private readonly DataProtectionSecretProtector _protector = new(dataProtection.Provider);

    /// <inheritdoc />
    public string Protect(string plaintext) => _protector.Protect(plaintext);

    /// <inheritdoc />
    public string Unprotect(string protectedText) => _protector.Unprotect(protectedText);
}
