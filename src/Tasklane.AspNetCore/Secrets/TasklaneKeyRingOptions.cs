using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Tasklane;

/// <summary>
/// Tasklane's own Data Protection key ring, which protects worker-setting secrets and the console's anti-forgery
/// tokens. It is Tasklane's, not the host's: the host's key ring, application name and key storage are left alone.
/// </summary>
public sealed class TasklaneKeyRingOptions
{
    /// <summary>
    /// Where the keys are stored; null (the default) keeps them as XML files in <see cref="TasklaneOptions.KeysPath"/>
    /// (beside the SQLite file unless set). A store may put them in its database for several nodes to share.
    /// </summary>
    public IXmlRepository? XmlRepository { get; set; }

    /// <summary>A certificate that encrypts every key at rest (<c>ProtectKeysWithCertificate</c>); null leaves them unencrypted.</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>
    /// Uses the host's own Data Protection provider (with Tasklane's purposes) instead of a key ring of Tasklane's:
    /// for a host that manages one key ring for everything. <see cref="XmlRepository"/> and <see cref="Certificate"/> are then unused.
    /// </summary>
    public bool UseHostKeyRing { get; set; }
}
