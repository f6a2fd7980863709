using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Tasklane.AspNetCore;

/// <summary>The audit log (<c>audit:view</c>): who did what, newest first.</summary>
internal static class AuditEndpoints
{
    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/api/audit", TaskAccess.Handle(ListAsync)).RequirePermission(Permissions.AuditView)
            .WithTags("Users").WithSummary("The audit log, newest first")
            .WithQuery(
                new("current", "integer", "Page, from 1"),
                new("page_size", "integer", "Entries per page (at most 200)"),
                new("actor", "string", "The acting user's name (exact, case-insensitive)"),
                new("action", "string", "The action (task.cancel), or a family (role.*)"),
                new("target_type", "string", "task | subtask | schedule | worker | settings | user | role"),
                new("target_id", "string", "The target's id or name"),
                new("from", "string", "At or after (ISO 8601)"),
                new("to", "string", "At or before (ISO 8601)"));

    private static async Task<Results<ApiOk<AuditPageDto>, ApiProblem>> ListAsync(HttpContext context)
    {
        var (query, error) = ReadQuery(context.Request);
        if (error is not null) return error;
        var page = await context.RequestServices.GetRequiredService<IAccountStore>().ListAuditAsync(query!, context.RequestAborted);
        return ApiResults.Ok(new AuditPageDto([.. page.Items.Select(AuditDto.From)], page.Total, query!.Current, query.PageSize));
    }

    /// <summary>The filters and page of the query string, or a 400 naming the bad one.</summary>
    public static (AuditQuery? Query, ApiProblem? Error) ReadQuery(HttpRequest request)
    {
        var q = new QueryReader(request);
        var query = new AuditQuery
        {
            Current = q.Int("current", min: 1) ?? 1,
            PageSize = Math.Min(q.Int("page_size", min: 1) ?? TaskEndpoints.DefaultPageSize, TaskEndpoints.MaxPageSize),
            Actor = q.String("actor"),
            Action = q.String("action"),
            TargetType = q.String("target_type"),
            TargetId = q.String("target_id"),
            From = q.Time("from"),
            To = q.Time("to"),
        };
        if (q.Error is null && query.Current > MaxPage) return (null, Problems.BadRequest("current", $"current must be at most {MaxPage}"));
        return q.Error is null ? (query, null) : (null, q.Error);
    }

    /// <summary>The last page a query may ask for: the offset stays far inside every store's range.</summary>
    public const int MaxPage = 1_000_000;
}
