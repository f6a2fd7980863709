using System.Reflection;

namespace Tasklane;

/// <summary>A registered worker: its metadata, its class and its actions.</summary>
public sealed class WorkerDescriptor
{
    internal WorkerDescriptor(Type type)
    {
        var attribute = type.GetCustomAttribute<WorkerAttribute>()
            ?? throw new InvalidOperationException($"{type.FullName} has no [Worker] attribute.");
        if (!typeof(TaskWorker).IsAssignableFrom(type) || type.IsAbstract)
        {
            throw new InvalidOperationException($"{type.FullName} must be a concrete class deriving from TaskWorker.");
        }
        Type = type;
        Identifier = attribute.Identifier;
        Title = attribute.Title ?? attribute.Identifier;
        Scope = attribute.Scope;
        Description = attribute.Description;
        Icon = attribute.Icon;
        Queue = attribute.Queue;
        MaxAttempts = Math.Max(1, attribute.MaxAttempts);
        SettingsType = attribute.Settings;
        var actions = new Dictionary<string, ActionDescriptor>(StringComparer.Ordinal);
        foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance))
        {
            if (method.GetCustomAttribute<ActionAttribute>() is not { } action) continue;
            if (!actions.TryAdd(action.Name, new ActionDescriptor(action.Name, method, action.TimeoutSeconds, action.MaxAttempts, action.SubtaskOnly)))
            {
                throw new InvalidOperationException($"Worker '{Identifier}' declares action '{action.Name}' twice.");
            }
        }
        if (actions.Count == 0) throw new InvalidOperationException($"Worker '{Identifier}' has no [Action] method.");
        Actions = actions;
        ListedActions = [.. actions.Values.Where(a => !a.SubtaskOnly).Select(a => a.Name).Order(StringComparer.Ordinal)];
    }

    /// <summary>The identifier, e.g. <c>product</c>.</summary>
    public string Identifier { get; }
    /// <summary>The title.</summary>
    public string Title { get; }
    /// <summary>The module or package.</summary>
    public string? Scope { get; }
    /// <summary>What it does.</summary>
    public string? Description { get; }
    /// <summary>The console icon.</summary>
    public string? Icon { get; }
    /// <summary>The default queue.</summary>
    public string Queue { get; }
    /// <summary>The default attempt budget.</summary>
    public int MaxAttempts { get; }
    /// <summary>The settings type, or null when the worker has none.</summary>
    public Type? SettingsType { get; }
    /// <summary>The implementing class.</summary>
    public Type Type { get; }
    /// <summary>The actions by name, subtask-only ones included.</summary>
    public IReadOnlyDictionary<string, ActionDescriptor> Actions { get; }
    /// <summary>The names of the actions that can be created as top-level tasks (not subtask-only), sorted: the ones the registry, API and console list.</summary>
    public IReadOnlyList<string> ListedActions { get; }
}
