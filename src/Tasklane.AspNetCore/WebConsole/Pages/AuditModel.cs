using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Tasklane.AspNetCore.WebConsole.Pages;

/// <summary>What the audit log page shows.</summary>
/// <param name="Query">The filters and page, as read from the address (the defaults when it was invalid).</param>
/// <param name="Page">The page of entries.</param>
public sealed record AuditModel(AuditQuery Query, Tasklane.AuditPage Page)
{
    internal static async Task<AuditModel> LoadAsync(HttpContext http)
    {
        var (query, _) = AuditEndpoints.ReadQuery(http.Request);
        query ??= new AuditQuery();
        return new AuditModel(query, await http.RequestServices.GetRequiredService<IAccountStore>().ListAuditAsync(query, http.RequestAborted));
    }
}
