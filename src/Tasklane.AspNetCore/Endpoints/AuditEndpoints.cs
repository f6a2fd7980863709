using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Tasklane.AspNetCore;

/// <summary>The audit log (<c>audit:view</c>): who did what, newest first.</summary>
internal static class AuditEndpoints
{
    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/api/audit", TaskAccess.Handle(ListAsync)).RequirePermission(Permissions.AuditView);

    private static async Task<IResult> ListAsync(HttpContext context)
    {
        var (query, error) = ReadQuery(context.Request);
        if (error is not null) return error;
        var page = await context.RequestServices.GetRequiredService<IAccountStore>().ListAuditAsync(query!, context.RequestAborted);
        return TaskAccess.Json(new { items = page.Items.Select(AuditDto.From).ToArray(), total = page.Total, current = query!.Current, page_size = query.PageSize });
    }

    /// <summary>The filters and page of the query string, or a 400 naming the bad one.</summary>
    public static (AuditQuery? Query, IResult? Error) ReadQuery(HttpRequest request)
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
