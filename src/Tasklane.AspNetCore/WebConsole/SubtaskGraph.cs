namespace Tasklane.AspNetCore.WebConsole;

/// <summary>
/// The layout of a task's subtasks as a dependency graph, drawn by the page as inline SVG: a node's column is
/// 1 + the highest column of its dependencies (0 without any); nodes stack in id order within their column and
/// each column is centred vertically; edges run from a dependency's right side to its dependent's left side.
/// </summary>
internal sealed class SubtaskGraph
{
    public const double NodeWidth = 168;
    public const double NodeHeight = 44;
    private const double ColumnGap = 64;
    private const double RowGap = 16;
    private const double Margin = 8;
    private const int MaxLabel = 22;

    /// <summary>One node: the subtask and its top-left corner.</summary>
    public sealed record Node(TaskRow Subtask, int Column, double X, double Y)
    {
        /// <summary>The name, cut to fit the node (the full name is in the node's title).</summary>
        public string Label => Subtask.Name is { Length: > MaxLabel } name ? name[..(MaxLabel - 1)] + "…" : Subtask.Name ?? $"#{Subtask.Id}";
    }

    /// <summary>One edge as an SVG path (a horizontal S-curve).</summary>
    public sealed record Edge(long From, long To, string Path);

    public IReadOnlyList<Node> Nodes { get; }
    public IReadOnlyList<Edge> Edges { get; }
    public double Width { get; }
    public double Height { get; }

    public SubtaskGraph(IReadOnlyList<TaskRow> subtasks, IReadOnlyDictionary<long, IReadOnlyList<long>> dependencies)
    {
        var byId = subtasks.ToDictionary(s => s.Id);
        var columns = new Dictionary<long, int>();
        int ColumnOf(long id, int guard)
        {
            if (columns.TryGetValue(id, out var known)) return known;
            // Dependencies form a DAG (cycles are refused at creation); the guard only stops a corrupt store from looping.
            var deps = Deps(id);
            var column = deps.Count == 0 || guard > byId.Count ? 0 : 1 + deps.Max(d => ColumnOf(d, guard + 1));
            columns[id] = column;
            return column;
        }
        IReadOnlyList<long> Deps(long id) =>
            [.. (dependencies.GetValueOrDefault(id) ?? []).Where(byId.ContainsKey)];

        foreach (var s in subtasks) ColumnOf(s.Id, 0);
        var groups = subtasks.OrderBy(s => s.Id).GroupBy(s => columns[s.Id]).OrderBy(g => g.Key).ToList();
        var rows = groups.Count == 0 ? 0 : groups.Max(g => g.Count());
        var columnCount = groups.Count == 0 ? 0 : groups[^1].Key + 1;
        Height = rows == 0 ? 0 : 2 * Margin + rows * NodeHeight + (rows - 1) * RowGap;
        Width = columnCount == 0 ? 0 : 2 * Margin + columnCount * NodeWidth + (columnCount - 1) * ColumnGap;

        var nodes = new List<Node>();
        foreach (var group in groups)
        {
            var count = group.Count();
            var top = Margin + (rows - count) * (NodeHeight + RowGap) / 2;
            var x = Margin + group.Key * (NodeWidth + ColumnGap);
            var i = 0;
            foreach (var s in group) nodes.Add(new Node(s, group.Key, x, top + i++ * (NodeHeight + RowGap)));
        }
        Nodes = nodes;

        var at = nodes.ToDictionary(n => n.Subtask.Id);
        var edges = new List<Edge>();
        foreach (var node in nodes)
        {
            foreach (var dep in Deps(node.Subtask.Id))
            {
                var from = at[dep];
                double x1 = from.X + NodeWidth, y1 = from.Y + NodeHeight / 2, x2 = node.X - 4, y2 = node.Y + NodeHeight / 2;
                var mid = (x1 + x2) / 2;
                edges.Add(new Edge(dep, node.Subtask.Id,
                    $"M{N(x1)} {N(y1)} C{N(mid)} {N(y1)} {N(mid)} {N(y2)} {N(x2)} {N(y2)}"));
            }
        }
        Edges = edges;
    }

    public static string N(double value) => ConsoleFormat.Number(value);
}
