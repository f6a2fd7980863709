using System.Reflection;

namespace Tasklane;

/// <summary>One action of a worker: its method (or delegate), its argument type and its limits.</summary>
public sealed class ActionDescriptor
{
    private readonly MethodInfo _method;
    private readonly object? _target;
    private readonly int _argsIndex;
    private readonly int _contextIndex;
    private readonly int _tokenIndex;
    private readonly int _parameterCount;
    // False when the argument type has nothing for the data annotations validator to check (looked at once, here).
    private readonly bool _annotations;

    /// <summary>An action of a worker made of delegates: the handler is called on its own target, with no worker instance.</summary>
    internal ActionDescriptor(string name, Delegate handler, int timeoutSeconds, int maxAttempts, bool subtaskOnly)
        : this(name, handler.Method, timeoutSeconds, maxAttempts, subtaskOnly) => _target = handler.Target;

    internal ActionDescriptor(string name, MethodInfo method, int timeoutSeconds, int maxAttempts, bool subtaskOnly)
    {
        Name = name;
        _method = method;
        TimeoutSeconds = timeoutSeconds;
        MaxAttempts = maxAttempts;
        SubtaskOnly = subtaskOnly;
        if (!typeof(Task).IsAssignableFrom(method.ReturnType))
        {
            throw new InvalidOperationException($"Action '{name}' ({method.DeclaringType?.Name}.{method.Name}) must return Task.");
        }
        var parameters = method.GetParameters();
        _parameterCount = parameters.Length;
        _argsIndex = _contextIndex = _tokenIndex = -1;
        for (var i = 0; i < parameters.Length; i++)
        {
            var type = parameters[i].ParameterType;
            if (type == typeof(TaskContext)) _contextIndex = i;
            else if (type == typeof(CancellationToken)) _tokenIndex = i;
            else if (_argsIndex < 0) { _argsIndex = i; ArgsType = type; _annotations = JsonData.HasAnnotations(type); }
            else throw new InvalidOperationException($"Action '{name}' ({method.Name}) may take one arguments object; '{parameters[i].Name}' is a second one.");
        }
    }

    /// <summary>The action name.</summary>
    public string Name { get; }

    /// <summary>The type the task's JSON data is read into, or null when the action takes none.</summary>
    public Type? ArgsType { get; }

    /// <summary>The run-time limit in seconds; 0 for none.</summary>
    public int TimeoutSeconds { get; }

    /// <summary>The attempt budget; 0 for the worker's.</summary>
    public int MaxAttempts { get; }

    /// <summary>True when the action only runs as a subtask; see <see cref="ActionAttribute.SubtaskOnly"/>.</summary>
    public bool SubtaskOnly { get; }

    /// <summary>The default concurrency key of the action's tasks, made from their data; null for none.</summary>
    public ConcurrencyKeyTemplate? ConcurrencyKey { get; internal init; }

    /// <summary>How many tasks with the same default key may run at once (at least 1).</summary>
    public int ConcurrencyLimit { get; internal init; } = 1;

    /// <summary>The declared default key and limit, checked: a bad template or a negative limit fails at start.</summary>
    internal static (ConcurrencyKeyTemplate? Key, int Limit) Concurrency(string action, string? template, int limit)
    {
        if (limit < 0) throw new InvalidOperationException($"Action '{action}' declares ConcurrencyLimit {limit}; it must be 1 or more (0: 1).");
        try
        {
            return (template is null ? null : new ConcurrencyKeyTemplate(template), Math.Max(1, limit));
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"Action '{action}': {ex.Message}", ex);
        }
    }

    /// <summary>Reads and checks task data; throws <see cref="TaskCreateException"/> naming the field that does not fit.</summary>
    public object? ParseArgs(string? json)
    {
        try
        {
            if (ArgsType is null)
            {
                JsonData.RequireObject(json, "data");
                return null;
            }
            return JsonData.Read(json, ArgsType, "data", _annotations);
        }
        catch (JsonDataException ex)
        {
            throw new TaskCreateException(TaskCreateError.InvalidData, ex.Field, ex.Message);
        }
    }

    // worker: the instance of a class worker; null for a worker made of delegates.
    internal Task InvokeAsync(object? worker, TaskContext context, object? args, CancellationToken cancellationToken)
    {
        var values = new object?[_parameterCount];
        if (_argsIndex >= 0) values[_argsIndex] = args;
        if (_contextIndex >= 0) values[_contextIndex] = context;
        if (_tokenIndex >= 0) values[_tokenIndex] = cancellationToken;
        try
        {
            return (Task)_method.Invoke(_target ?? worker, values)!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            return Task.FromException(ex.InnerException);
        }
    }
}
