using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Tasklane.AspNetCore;

/// <summary>
/// An RFC 7807 problem answer of any status (made by <see cref="Problems"/>), written as the framework writes
/// <c>TypedResults.Problem</c>. The one error type of the handlers' <c>Results&lt;...&gt;</c>: every check a handler
/// shares (the id, the body, the query) answers with it. It declares nothing on the endpoint: its status is the
/// call's (400, 404, 409, ...), not the route's, and the OpenAPI document lists the routes' successful answers.
/// </summary>
internal sealed class ApiProblem(ProblemHttpResult problem) : IResult, IStatusCodeHttpResult, IValueHttpResult<ProblemDetails>, IValueHttpResult, IContentTypeHttpResult
{
    /// <summary>The problem's members (<c>status</c>, <c>detail</c>, <c>field</c>, <c>errors</c>, ...).</summary>
    public ProblemDetails ProblemDetails => problem.ProblemDetails;

    /// <summary>The answer's status.</summary>
    public int StatusCode => problem.StatusCode;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    ProblemDetails? IValueHttpResult<ProblemDetails>.Value => ProblemDetails;

    object? IValueHttpResult.Value => ProblemDetails;

    /// <inheritdoc />
    public string ContentType => problem.ContentType;

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext) => problem.ExecuteAsync(httpContext);
}
