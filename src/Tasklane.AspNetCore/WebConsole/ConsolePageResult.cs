using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Tasklane.AspNetCore.WebConsole;

/// <summary>Renders a page component statically with the console's security headers and no caching.</summary>
internal sealed class ConsolePageResult(Type component, IReadOnlyDictionary<string, object?> parameters, int status) : IResult
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static ConsolePageResult Of<TComponent>(ConsoleContext ctx, params (string Name, object? Value)[] parameters)
        where TComponent : IComponent
    {
        var all = new Dictionary<string, object?> { ["Ctx"] = ctx };
        foreach (var (name, value) in parameters) all[name] = value;
        return new ConsolePageResult(typeof(TComponent), all, StatusCodes.Status200OK);
    }

    /// <summary>A page rendered from its one model (the page's <c>Model</c> parameter; see <c>Pages/*Model.cs</c>).</summary>
    public static ConsolePageResult For<TComponent>(ConsoleContext ctx, object model)
        where TComponent : IComponent => Of<TComponent>(ctx, ("Model", model));

    /// <summary>The 404 page.</summary>
    public static ConsolePageResult NotFound(ConsoleContext ctx) =>
        Of<Pages.NotFoundPage>(ctx).WithStatus(StatusCodes.Status404NotFound);

    /// <summary>The 403 page, naming the permission that is missing.</summary>
    public static ConsolePageResult Forbidden(ConsoleContext ctx, string permission) =>
        For<Pages.ForbiddenPage>(ctx, new Pages.ForbiddenModel(permission)).WithStatus(StatusCodes.Status403Forbidden);

    /// <summary>The same page with another status code.</summary>
    public ConsolePageResult WithStatus(int code) => new(component, parameters, code);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        SecurityHeaders(httpContext.Response);
        httpContext.Response.Headers.CacheControl = "no-store";
        return new RazorComponentResult(component, parameters) { StatusCode = status }.ExecuteAsync(httpContext);
    }

    public static void SecurityHeaders(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
    }
}
