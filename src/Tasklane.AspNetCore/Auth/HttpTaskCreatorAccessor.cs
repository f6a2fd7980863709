using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Tasklane.AspNetCore;

/// <summary>
/// The creator of tasks made during an HTTP request: the signed-in user and the client address. In Tasklane's
/// routes that is the Tasklane principal; in the host's own routes, with the host's authentication, the host's user
/// by the key its tasks carry (<see cref="TasklaneClaims.HostUserKey"/>), so a task the app's page starts is theirs.
/// </summary>
internal sealed class HttpTaskCreatorAccessor(IHttpContextAccessor accessor, IOptions<TasklaneHttpOptions> options) : ITaskCreatorAccessor
{
    public TaskCreator? Current
    {
        get
        {
            var context = accessor.HttpContext;
            if (context?.User is not { Identity.IsAuthenticated: true } user) return null;
            var ip = context.Connection.RemoteIpAddress?.ToString();
            if (user.Identity.AuthenticationType == TasklaneClaims.Scheme)
            {
                return user.UserId() is { } id ? new TaskCreator(id, user.Identity.Name ?? "", ip) : null;
            }
            if (options.Value.HostAuthentication is { } host && user.FindFirstValue(host.UserIdClaimType) is { Length: > 0 } hostId)
            {
                return new TaskCreator(TasklaneClaims.HostUserKey(hostId), user.Identity.Name ?? hostId, ip);
            }
            return null;
        }
    }
}
