using System.Globalization;

namespace Tasklane.Bench;

/// <summary>The queries of <c>GET /api/tasks</c> measured on a seeded store: every filter of the list, a deep page, and search.</summary>
internal static class ListFilters
{
    /// <summary>(name, query string) pairs for a store seeded with <paramref name="count"/> tasks.</summary>
    public static IReadOnlyList<(string Name, string Query)> For(int count)
    {
        var day = DateTimeOffset.UtcNow.AddDays(-30);
        string Iso(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        var id = (count / 2).ToString(CultureInfo.InvariantCulture);
        var objectId = (count / 20).ToString(CultureInfo.InvariantCulture);
        return
        [
            ("first-page", "page_size=50"),
            ("deep-page", "current=100&page_size=50"),
            ("status", "status=failed&page_size=50"),
            ("worker", "worker=report&page_size=50"),
            ("action", "worker=report&action=export&page_size=50"),
            ("queue", "queue=emails&page_size=50"),
            ("user", "user=operator&page_size=50"),
            ("id", $"id={id}&page_size=50"),
            ("created-range", $"from={Iso(day)}&to={Iso(day.AddDays(1))}&page_size=50"),
            ("object", $"object_type=order&object_id={objectId}&page_size=50"),
            ("search", "search=export&page_size=50"),
        ];
    }
}
