using Microsoft.AspNetCore.Http;

namespace Tasklane.AspNetCore;

/// <summary>The creator of tasks made during an HTTP request: the signed-in user and the client address.</summary>
internal sealed class HttpTaskCreatorAccessor(IHttpContextAccessor accessor) : ITaskCreatorAccessor
{
    public TaskCreator? Current
    {
        get
        {
            var context = accessor.HttpContext;
            if (context?.User is not { Identity.IsAuthenticated: true } user || user.UserId() is not { } id) return null;
            return new TaskCreator(id, user.Identity.Name ?? "", context.Connection.RemoteIpAddress?.ToString());
        }
    }
}
