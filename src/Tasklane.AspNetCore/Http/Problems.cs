using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Tasklane.AspNetCore;

/// <summary>RFC 7807 problem results; a bad-input problem names its field in <c>errors</c> and <c>field</c>.</summary>
internal static class Problems
{
    public static ApiProblem Status(int status, string? detail = null) =>
        new(TypedResults.Problem(detail: detail, statusCode: status));

    public static ApiProblem BadRequest(string field, string message)
    {
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Detail = message,
        };
        problem.Extensions["field"] = field;
        return new(TypedResults.Problem(problem));
    }

    public static ApiProblem NotFound(string what = "task") =>
        Status(StatusCodes.Status404NotFound, $"No such {what}.");

    public static ApiProblem Conflict(string detail) => Status(StatusCodes.Status409Conflict, detail);

    public static Task Write(HttpContext context, int status, string? detail = null) =>
        Status(status, detail).ExecuteAsync(context);

    /// <summary>The problem for a create refused by the task client.</summary>
    public static ApiProblem From(TaskCreateException ex) => ex.Error switch
    {
        TaskCreateError.InvalidData => BadRequest(ex.Field ?? "data", ex.Message),
        TaskCreateError.Conflict => Conflict(ex.Message),
        _ => UnprocessableWithField(ex.Field, ex.Message),
    };

    private static ApiProblem UnprocessableWithField(string? field, string message)
    {
        var problem = new ProblemDetails { Status = StatusCodes.Status422UnprocessableEntity, Detail = message };
        if (field is not null) problem.Extensions["field"] = field;
        return new(TypedResults.Problem(problem));
    }
}
