using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Tasklane.AspNetCore;

/// <summary>Puts <see cref="TasklaneHttpMiddleware"/> in front of the host's pipeline.</summary>
internal sealed class TasklaneStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<TasklaneHttpMiddleware>();
        next(app);
    };
}
