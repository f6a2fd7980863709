using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace Tasklane.AspNetCore;

/// <summary>Cookie-authenticated POST, PUT, PATCH and DELETE requests must carry a valid <c>X-CSRF-TOKEN</c> header.</summary>
internal sealed class AntiforgeryFilter(TasklaneAntiforgery antiforgery) : IEndpointFilter
{
    public const string HeaderName = "X-CSRF-TOKEN";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var unsafeMethod = HttpMethods.IsPost(http.Request.Method) || HttpMethods.IsPut(http.Request.Method)
            || HttpMethods.IsPatch(http.Request.Method) || HttpMethods.IsDelete(http.Request.Method);
        if (unsafeMethod && http.User.HasClaim(TasklaneClaims.Via, TasklaneClaims.ViaCookie))
        {
            try
            {
                await antiforgery.Service.ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                return Problems.Status(StatusCodes.Status403Forbidden, $"A cookie-authenticated request must send a valid {HeaderName} header (GET /api/auth/antiforgery).");
            }
        }
        return await next(context);
    }
}
