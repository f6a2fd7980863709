using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tasklane.AspNetCore;

/// <summary>
/// Tasklane's own anti-forgery service (header <c>X-CSRF-TOKEN</c>, its own cookie, no X-Frame-Options of its own:
/// Tasklane's responses send <c>DENY</c>), built beside the host's container so the host's anti-forgery options stay
/// as the host set them.
/// </summary>
internal sealed class TasklaneAntiforgery : IDisposable
{
    public const string CookieName = "tasklane_antiforgery";

    private readonly ServiceProvider _own;

    public TasklaneAntiforgery(TasklaneKeyRing keyRing, ILoggerFactory loggers)
    {
        var services = new ServiceCollection();
        services.AddSingleton(loggers);
        services.AddSingleton(keyRing.Provider);
        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryFilter.HeaderName;
            o.Cookie.Name = CookieName;
            o.SuppressXFrameOptionsHeader = true;
        });
        _own = services.BuildServiceProvider();
        Service = _own.GetRequiredService<IAntiforgery>();
    }

    public IAntiforgery Service { get; }

    public void Dispose() => _own.Dispose();
}
