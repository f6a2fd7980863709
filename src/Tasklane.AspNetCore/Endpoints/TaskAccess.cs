using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Tasklane.AspNetCore;

/// <summary>Route id parsing and the visibility check every task route shares.</summary>
internal static class TaskAccess
{
    /// <summary>
    /// Makes a handler <c>(HttpContext) =&gt; Task&lt;TResult&gt;</c> a route handler whose result is executed and whose
    /// result type describes the answers (a method group of that shape would bind as a <c>RequestDelegate</c>, which
    /// drops the result and declares nothing).
    /// </summary>
    public static Delegate Handle<TResult>(Func<HttpContext, Task<TResult>> handler) where TResult : IResult => handler;

    /// <summary>Makes a handler <c>(HttpContext) =&gt; TResult</c> a route handler whose result is executed.</summary>
    public static Delegate Handle<TResult>(Func<HttpContext, TResult> handler) where TResult : IResult => handler;

    /// <summary>Makes a handler of untyped results a route handler whose result is executed (the console's pages, a lambda whose answers are of several types).</summary>
    public static Delegate Handle(Func<HttpContext, Task<IResult>> handler) => handler;

    /// <summary>Makes a handler of an untyped result a route handler whose result is executed.</summary>
    public static Delegate Handle(Func<HttpContext, IResult> handler) => handler;

    /// <summary>The <c>{id}</c> route value as a positive integer, or a 400 naming <c>id</c>.</summary>
    public static (long Id, ApiProblem? Error) ParseId(HttpContext context)
    {
        var raw = context.Request.RouteValues["id"]?.ToString();
        return long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? (id, null)
            : (0, Problems.BadRequest("id", "id must be a positive integer"));
    }

    /// <summary>The task of the route, or a 400 (bad id) / 404 (missing, deleted or not visible to the caller).</summary>
    public static async Task<(TaskRow? Task, ApiProblem? Error)> LoadAsync(HttpContext context)
    {
        var (id, error) = ParseId(context);
        if (error is not null) return (null, error);
        var store = context.RequestServices.GetRequiredService<ITaskStore>();
        var task = await store.GetTaskAsync(id, context.RequestAborted);
        return task is not null && context.User.CanSee(task) ? (task, null) : (null, Problems.NotFound());
    }
}
