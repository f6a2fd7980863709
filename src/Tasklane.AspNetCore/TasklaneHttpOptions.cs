using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Tasklane;

/// <summary>Options of the Tasklane HTTP API: the first admin, tokens, request limits and sign-in throttling.</summary>
public sealed class TasklaneHttpOptions
{
    /// <summary>
    /// The password of the <c>admin</c> user created on first start when the store has no user.
    /// When null, a random password is generated and printed once to standard output. It meets the password policy of
    /// every password (at least 8 characters, not blank, not "admin", not a common or trivially guessable one).
    /// </summary>
    public string? AdminPassword { get; set; }

    /// <summary>How long a sign-in token (and the console session cookie) lasts. Default 12 hours.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The largest request body accepted; larger bodies answer 413. Default 1 MiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Failed sign-ins allowed per username and client address within <see cref="LoginWindow"/>. Default 5.</summary>
    public int LoginAttempts { get; set; } = 5;

    /// <summary>The window over which failed sign-ins are counted. Default 5 minutes.</summary>
    public TimeSpan LoginWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often an open task event stream (<c>GET /api/tasks/:id/events</c>) checks that the token it was opened with
    /// is still good and may still see the task; the stream ends at the first check that fails. Default 5 seconds.
    /// </summary>
    public TimeSpan EventStreamRecheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The permission <c>/metrics</c> requires; null (the default) leaves it open, as Prometheus scrapers expect.</summary>
    public string? MetricsPermission { get; set; }

    /// <summary>
    /// A certificate that encrypts Tasklane's key ring (the keys that protect worker secrets) at rest, as
    /// <c>ProtectKeysWithCertificate</c> does; keep it, or the secrets cannot be read. Null (the default): the keys are
    /// kept unencrypted, in the database on PostgreSQL, beside the SQLite file otherwise. See docs/security.md.
    /// </summary>
    public X509Certificate2? KeyRingCertificate { get; set; }

    /// <summary>
    /// Further setup of Tasklane's own key ring (not the host's), with the ASP.NET Core Data Protection API: another
    /// encryptor (<c>ProtectKeysWithAzureKeyVault</c>, …) or a location of the host's choice (<c>PersistKeysTo…</c>).
    /// </summary>
    public Action<IDataProtectionBuilder>? ConfigureKeyRing { get; set; }

    /// <summary>
    /// Maps <c>{prefix}/metrics</c>, the Prometheus scraping endpoint. Off by default: the host's OpenTelemetry pipeline
    /// is the host's, so a host that wants it there adds <c>.AddTasklaneInstrumentation().AddPrometheusExporter()</c>
    /// to its metrics and sets this (<c>tasklane serve</c> does both).
    /// </summary>
    public bool MetricsEndpoint { get; set; }

    /// <summary>The host's users and how they map to Tasklane permissions; null (the default) uses Tasklane's own users.</summary>
    public TasklaneHostAuthentication? HostAuthentication { get; private set; }

    /// <summary>
    /// Signs the host's users in to the API and the console through the host's own authentication, their permissions
    /// from <paramref name="map"/>, so an app with its own sign-in needs no second user store. Tasks they create are
    /// theirs by the host's user id (see docs/embedding.md). Bearer tokens of Tasklane users keep working beside it.
    /// </summary>
    public TasklaneHttpOptions UseHostAuthentication(Action<TasklaneHostAuthentication> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var host = new TasklaneHostAuthentication();
        map(host);
        HostAuthentication = host;
        return this;
    }

    /// <summary>How webhooks (alerts) are sent: timeouts, retries, the stall threshold. See docs/webhooks.md.</summary>
    public TasklaneWebhookOptions Webhooks { get; } = new();

    /// <summary>The first error in the options, or null when they are valid.</summary>
    public string? Validate()
    {
        if (AdminPassword is not null && Tasklane.AspNetCore.PasswordPolicy.Check(AdminPassword, "admin") is { } rule)
        {
            return "AdminPassword is refused: " + rule;
        }
        if (TokenLifetime <= TimeSpan.Zero) return "TokenLifetime must be positive";
        if (MaxRequestBodyBytes < 1) return "MaxRequestBodyBytes must be positive";
        if (LoginAttempts < 1) return "LoginAttempts must be at least 1";
        if (LoginWindow <= TimeSpan.Zero) return "LoginWindow must be positive";
        if (EventStreamRecheckInterval <= TimeSpan.Zero) return "EventStreamRecheckInterval must be positive";
        return Webhooks.Validate();
    }
}
