namespace Tasklane;

/// <summary>Checks a batch of subtasks (names, data, dependencies, no cycle) and creates them in one store call.</summary>
internal sealed class SubtaskFactory(ITaskStore store, ITaskClient client, TaskSignal signal, TasklaneMetrics metrics)
{
    public async Task<IReadOnlyList<TaskRow>> CreateAsync(TaskRow parent, IReadOnlyList<SubtaskSpec> specs, CancellationToken cancellationToken)
    {
        // One level: a parent that ends through its subtasks does not end a grandparent, so a tree would hang.
        if (parent.ParentId is not null) Invalid("parent", "a subtask cannot create subtasks of its own: Tasklane runs one level of subtasks");
        var existing = (await store.ListTasksAsync(new TaskQuery { ParentId = parent.Id, PageSize = 10_000 }, cancellationToken)).Items
            .Where(t => t.Name is not null).ToDictionary(t => t.Name!, t => t.Id, StringComparer.Ordinal);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < specs.Count; i++)
        {
            var name = specs[i].Name;
            if (string.IsNullOrWhiteSpace(name) || name.Length > 200) Invalid("name", "a subtask needs a name of 1–200 characters");
            if (!index.TryAdd(name, i)) Invalid("name", $"two subtasks are named '{name}'");
        }
        CheckNoCycle(specs, index);

        var batch = new List<SubtaskParams>(specs.Count);
        foreach (var spec in Order(specs, index))
        {
            var json = TaskClient.ToJson(spec.Data);
            var creator = parent.CreatedById is { } id ? new TaskCreator(id, parent.CreatedByName ?? "", parent.IpAddress) : null;
            var task = await ((TaskClient)client).PrepareAsync(spec.Worker, spec.Action, json, new TaskOptions
            {
                Priority = parent.Priority, Category = parent.Category, CreatedBy = creator, ParentId = parent.Id,
                ObjectType = spec.ObjectType, ObjectId = spec.ObjectId, MaxAttempts = spec.MaxAttempts,
            }, cancellationToken, asSubtask: true);
            var indexes = new List<int>();
            var ids = new List<long>();
            foreach (var dependency in spec.DependsOn)
            {
                if (index.ContainsKey(dependency)) indexes.Add(batch.FindIndex(b => b.Task.Name == dependency)); // ordered: already in the batch
                else if (existing.TryGetValue(dependency, out var siblingId)) ids.Add(siblingId);
                else Invalid("depends_on", $"subtask '{spec.Name}' depends on '{dependency}', which is not a sibling");
            }
            batch.Add(new SubtaskParams { Task = task with { Name = spec.Name, ParentId = parent.Id }, DependsOnIndexes = indexes, DependsOnIds = ids });
        }
        var rows = await store.CreateSubtasksAsync(parent.Id, batch, cancellationToken);
        foreach (var row in rows.Where(r => !existing.ContainsKey(r.Name!))) metrics.Created(row);
        signal.Wake();
        return rows;
    }

    /// <summary>The specs in an order where every dependency inside the batch comes first.</summary>
    private static List<SubtaskSpec> Order(IReadOnlyList<SubtaskSpec> specs, Dictionary<string, int> index)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<SubtaskSpec>(specs.Count);
        void Visit(SubtaskSpec spec)
        {
            if (!done.Add(spec.Name)) return;
            foreach (var dependency in spec.DependsOn)
            {
                if (index.TryGetValue(dependency, out var i)) Visit(specs[i]);
            }
            ordered.Add(spec);
        }
        foreach (var spec in specs) Visit(spec);
        return ordered;
    }

    private static void CheckNoCycle(IReadOnlyList<SubtaskSpec> specs, Dictionary<string, int> index)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1: on the path, 2: done
        var path = new List<string>();
        void Visit(string name)
        {
            if (state.GetValueOrDefault(name) == 2) return;
            if (state.GetValueOrDefault(name) == 1)
            {
                var cycle = path.Skip(path.IndexOf(name)).Append(name);
                Invalid("depends_on", "the subtasks' dependencies form a cycle: " + string.Join(" → ", cycle));
            }
            state[name] = 1;
            path.Add(name);
            foreach (var dependency in specs[index[name]].DependsOn)
            {
                if (index.ContainsKey(dependency)) Visit(dependency);
            }
            path.RemoveAt(path.Count - 1);
            state[name] = 2;
        }
        foreach (var spec in specs) Visit(spec.Name);
    }

    private static void Invalid(string field, string message) =>
        throw new TaskCreateException(TaskCreateError.InvalidData, field, message);
}
