using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Tasklane.Storage;

/// <summary>
/// The task list's two statements (a capped count and one page), assembled from the filters a <see cref="TaskQuery"/>
/// actually gives, so that each filter is a plain predicate an index can serve (no <c>@x IS NULL OR col = @x</c>).
/// Every piece is a store's <c>Sql/TaskList/*.sql</c> file: <c>count</c> and <c>page</c> hold <c>{filters}</c> and
/// <c>{order}</c>; each filter is one fragment (<c>status</c>, <c>worker</c>, ...); <c>order_id</c> and
/// <c>order_created</c> are the two orders (a time range pages by creation time, everything else by id), and
/// <c>after_id</c> / <c>after_created</c> the matching keyset cursors. The search goes last: <c>search</c> as the count
/// reads it and, where a store has one, <c>search_page</c> as a page or a bulk chunk reads it; a search fragment may
/// hold <c>{filters}</c>, <c>{order}</c> and <c>{bound}</c>, filled per statement (see <see cref="Search"/>), and a
/// store's <c>before_id</c> puts a bulk chunk's cursor inside it. Only the parameters the assembled text names are
/// bound.
/// </summary>
internal sealed partial class TaskListSql
{
    /// <summary>A search this long or longer goes through the store's text index (trigrams need 3 characters).</summary>
    public const int IndexedSearchLength = 3;

    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

    private TaskListSql(string count, string page)
    {
        CountText = count;
        PageText = page;
    }

    /// <summary>The count of at most <c>@count_limit</c> matching rows.</summary>
    public string CountText { get; }

    /// <summary>One page: <c>@limit</c> rows after <c>@offset</c> (or after the cursor), in the list's order.</summary>
    public string PageText { get; }

    /// <summary>Assembles the statements for <paramref name="query"/> from <paramref name="dialect"/>'s fragments.</summary>
    public static TaskListSql For(TaskQuery query, SqlDialect dialect, int countLimit)
    {
        ArgumentNullException.ThrowIfNull(query);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var filters = Filters(query, dialect, values, out var search, out var searchPage);
        var byCreation = query.From is not null || query.To is not null;
        var order = dialect.Statement(byCreation ? "TaskList/order_created" : "TaskList/order_id").Trim();
        var cursor = "";
        if (query.AfterId is { } afterId)
        {
            cursor = "\n" + dialect.Statement(byCreation ? "TaskList/after_created" : "TaskList/after_id").Trim();
            values["after_id"] = afterId;
        }
        var pageSize = Math.Max(query.PageSize, 1);
        values["limit"] = pageSize;
        values["offset"] = query.AfterId is null ? (long)(Math.Max(query.Current, 1) - 1) * pageSize : 0L;
        values["count_limit"] = countLimit + 1;

        var countFilters = filters + Search(search, filters, order, "@count_limit");
        var pageFilters = filters + Search(searchPage, filters + cursor, order, "@limit + @offset") + cursor;
        var sql = new TaskListSql(
            Fill(dialect.Statement("TaskList/count"), countFilters, order),
            Fill(dialect.Statement("TaskList/page"), pageFilters, order));
        foreach (var (name, value) in values) sql._values[name] = value;
        return sql;
    }

    /// <summary>
    /// The statement of a bulk action's next chunk: the ids of at most <c>@chunk</c> matching tasks below
    /// <c>@before_id</c>, highest first (<c>TaskList/chunk</c>), with the same filters as the list. The caller binds
    /// <c>@chunk</c> and <c>@before_id</c>.
    /// </summary>
    public static TaskListSql Chunk(TaskQuery query, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(query);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var filters = Filters(query, dialect, values, out _, out var searchPage);
        var order = dialect.Statement("TaskList/order_id").Trim();
        // The chunk's own cursor goes inside a search whose branches are cut to @chunk (a store's TaskList/before_id).
        var below = dialect.HasStatement("TaskList/before_id") ? "\n" + dialect.Statement("TaskList/before_id").Trim() : "";
        var text = Fill(dialect.Statement("TaskList/chunk"), filters + Search(searchPage, filters + below, order, "@chunk"), "");
        var sql = new TaskListSql(text, text);
        foreach (var (name, value) in values) sql._values[name] = value;
        return sql;
    }

    /// <summary>
    /// The filter fragments <paramref name="query"/> gives, their values added to <paramref name="values"/>, and
    /// apart from them the search fragment as the count reads it and as a page reads it (a store's
    /// <c>TaskList/search_page</c> where it has one; both empty when there is no search), which <see cref="Search"/>
    /// completes for each statement.
    /// </summary>
    private static string Filters(TaskQuery query, SqlDialect dialect, Dictionary<string, object?> values, out string search, out string searchPage)
    {
        var filters = new StringBuilder();
        // A list limited to one creator's tasks (per-user visibility) takes a store's TaskList/own/ variant of a
        // fragment where it has one: SQLite's write the column as +column, so that its planner, which has no
        // statistics, walks that creator's tasks (few) in the creator index rather than every task of a worker.
        var own = query.VisibleTo is not null;
        string File(string fragment) => own && dialect.HasStatement("TaskList/own/" + fragment) ? "TaskList/own/" + fragment : "TaskList/" + fragment;
        void Filter(string fragment, string? name = null, object? value = null)
        {
            filters.Append('\n').Append(dialect.Statement(File(fragment)).Trim());
            if (name is not null) values[name] = value;
        }

        if (query.Status is { } status) Filter("status", "status", StoreText.Of(status));
        if (query.Worker is not null) Filter("worker", "worker", query.Worker);
        if (query.Action is not null) Filter("action", "action", query.Action);
        if (query.Queue is not null) Filter("queue", "queue", query.Queue);
        if (query.Id is { } id) Filter("id", "id", id);
        if (query.From is { } from) Filter("from", "from", from);
        if (query.To is { } to) Filter("to", "to", to);
        if (query.ObjectType is not null && query.ObjectId is not null)
        {
            Filter("object", "object_type", query.ObjectType);
            values["object_id"] = query.ObjectId;
        }
        else if (query.ObjectType is not null) Filter("object_type", "object_type", query.ObjectType);
        else if (query.ObjectId is not null) Filter("object_id", "object_id", query.ObjectId);
        var tags = query.Tags.Distinct(StringComparer.Ordinal).ToArray();
        for (var i = 0; i < tags.Length; i++)
        {
            var name = "tag_" + i.ToString(CultureInfo.InvariantCulture);
            filters.Append('\n').Append(TagParameter().Replace(dialect.Statement("TaskList/tag").Trim(), "@" + name));
            values[name] = tags[i];
        }
        if (query.ScheduleId is not null) Filter("schedule_id", "schedule_id", query.ScheduleId);
        if (query.Category is { } category) Filter("category", "category", StoreText.Of(category));
        if (query.VisibleTo is { } visibleTo) Filter("visible_to", "visible_to", visibleTo);
        if (query.ParentId is { } parentId) Filter("parent_id", "parent_id", parentId);
        // Subtasks are left out unless asked for by their parent or by object.
        if (query.ParentId is null && query.ObjectType is null && query.ObjectId is null) Filter("top_level");
        if (!string.IsNullOrWhiteSpace(query.User)) Filter("user", "user_like", Like(query.User.Trim()));
        search = searchPage = "";
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var text = query.Search.Trim();
            // A number matches the id as well as the text: "3" finds task 3 and the message "Step 3 of 10".
            values["search_id"] = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
            values["search_like"] = Like(text);
            values["search_match"] = "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            var fragment = text.EnumerateRunes().Count() >= IndexedSearchLength ? "search" : "search_short";
            search = dialect.Statement(File(fragment)).Trim();
            searchPage = dialect.HasStatement(File(fragment + "_page")) ? dialect.Statement(File(fragment + "_page")).Trim() : search;
        }

        return filters.ToString();
    }

    /// <summary>
    /// The search fragment for one statement: a store's fragment may cut each of its branches to the rows that
    /// statement can use, with <c>{filters}</c> (the statement's other filters, its cursor included), <c>{order}</c>
    /// and <c>{bound}</c> (how many rows, in that order, it reads at most).
    /// </summary>
    /// <remarks>The placeholders are replaced wherever they stand, so a fragment's comments must not name them.</remarks>
    private static string Search(string search, string filters, string order, string bound) =>
        search.Length == 0 ? "" : "\n" + search.Replace("{filters}", filters, StringComparison.Ordinal)
            .Replace("{order}", order, StringComparison.Ordinal).Replace("{bound}", bound, StringComparison.Ordinal);

    /// <summary>Binds the parameters that <paramref name="text"/> names to <paramref name="command"/>.</summary>
    public StoreCommand Bind(StoreCommand command, string text)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var name in ParameterNames().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal))
        {
            if (_values.TryGetValue(name, out var value)) command.With(name, value);
        }
        return command;
    }

    private static string Fill(string template, string filters, string order) =>
        template.Replace("{filters}", filters, StringComparison.Ordinal).Replace("{order}", order, StringComparison.Ordinal);

    /// <summary>A LIKE (PostgreSQL: ILIKE) pattern matching <paramref name="text"/> anywhere, with its wildcards escaped by <c>\</c>.</summary>
    private static string Like(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal)
                  .Replace("%", "\\%", StringComparison.Ordinal)
                  .Replace("_", "\\_", StringComparison.Ordinal) + "%";

    [GeneratedRegex(@"@([a-z_][a-z0-9_]*)")]
    private static partial Regex ParameterNames();

    [GeneratedRegex(@"@tag\b")]
    private static partial Regex TagParameter();
}
