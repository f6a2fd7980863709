using System.Reflection;

namespace Tasklane;

/// <summary>A registered worker: its metadata, its class (or delegates) and its actions.</summary>
public sealed class WorkerDescriptor
{
    /// <summary>A worker made of delegates: the actions registered under one identifier, with the metadata their options give.</summary>
    internal WorkerDescriptor(string identifier, IReadOnlyList<WorkerActionRegistration> registrations)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(identifier);
        Identifier = identifier;
        var options = registrations.Select(r => r.Options ?? new WorkerActionOptions()).ToList();
        Title = Agreed(options, o => o.Title, "Title") ?? identifier;
        Scope = Agreed(options, o => o.Scope, "Scope");
        Description = Agreed(options, o => o.Description, "Description");
        Icon = Agreed(options, o => o.Icon, "Icon");
        Queue = Agreed(options, o => o.Queue, "Queue") ?? "default";
        MaxAttempts = 3;
        var actions = new Dictionary<string, ActionDescriptor>(StringComparer.Ordinal);
        foreach (var registration in registrations)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(registration.Action);
            var o = registration.Options ?? new WorkerActionOptions();
            var (key, limit) = ActionDescriptor.Concurrency(registration.Action, o.ConcurrencyKey, o.ConcurrencyLimit);
            var action = new ActionDescriptor(registration.Action, registration.Handler, o.TimeoutSeconds, o.MaxAttempts, o.SubtaskOnly)
            {
                ConcurrencyKey = key,
                ConcurrencyLimit = limit,
            };
            if (!actions.TryAdd(action.Name, action))
            {
                throw new InvalidOperationException($"Worker '{Identifier}' registers action '{action.Name}' twice.");
            }
        }
        if (actions.Count == 0) throw new InvalidOperationException($"Worker '{Identifier}' has no action.");
        Actions = actions;
        ListedActions = [.. actions.Values.Where(a => !a.SubtaskOnly).Select(a => a.Name).Order(StringComparer.Ordinal)];
    }

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
            var (key, limit) = ActionDescriptor.Concurrency(action.Name, action.ConcurrencyKey, action.ConcurrencyLimit);
            var descriptor = new ActionDescriptor(action.Name, method, action.TimeoutSeconds, action.MaxAttempts, action.SubtaskOnly)
            {
                ConcurrencyKey = key,
                ConcurrencyLimit = limit,
            };
            if (!actions.TryAdd(action.Name, descriptor))
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
    /// <summary>The implementing class, or null for a worker made of delegates.</summary>
    public Type? Type { get; }
    /// <summary>The actions by name, subtask-only ones included.</summary>
    public IReadOnlyDictionary<string, ActionDescriptor> Actions { get; }
    /// <summary>The names of the actions that can be created as top-level tasks (not subtask-only), sorted: the ones the registry, API and console list.</summary>
    public IReadOnlyList<string> ListedActions { get; }

    /// <summary>The one value the options set for a worker member, or null; two different values are refused.</summary>
    private string? Agreed(List<WorkerActionOptions> options, Func<WorkerActionOptions, string?> member, string name)
    {
        var values = options.Select(member).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return values.Count <= 1 ? values.FirstOrDefault()
            : throw new InvalidOperationException($"Worker '{Identifier}': its actions set {name} differently ({string.Join(", ", values.Select(v => $"'{v}'"))}).");
    }
}
