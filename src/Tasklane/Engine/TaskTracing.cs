using System.Diagnostics;
using Tasklane.Storage;

namespace Tasklane;

/// <summary>
/// Tasklane's activities on the <c>Tasklane</c> <see cref="ActivitySource"/>: a short one around a create, and one per
/// execution, linked to the trace of the code that created the task. That code's context is captured at create time
/// (see <see cref="Capture"/>) and stored with the task, so the link survives a restart and crosses nodes. Nothing is
/// started while nobody listens to the source.
/// </summary>
/// <remarks>
/// The source is process-wide on purpose, as the meter of <see cref="TasklaneMetrics"/> is: listeners find sources by
/// name across the process.
/// </remarks>
internal static class TaskTracing
{
    private static readonly ActivitySource Source = new(TasklaneDiagnostics.ActivitySourceName);

    /// <summary>
    /// The W3C context of the current activity as the store keeps it (<c>traceparent</c>, then a space and the
    /// <c>tracestate</c> when there is one), or null without a current W3C activity. No allocation when the activity
    /// has no trace state (its id is kept by the activity).
    /// </summary>
    public static string? Capture()
    {
        var current = Activity.Current;
        if (current is not { IdFormat: ActivityIdFormat.W3C } || current.Id is not { } traceparent) return null;
        return current.TraceStateString is { Length: > 0 } state ? $"{traceparent} {state}" : traceparent;
    }

    /// <summary>The stored context as an <see cref="ActivityContext"/>; false when there is none or it does not parse.</summary>
    public static bool TryParse(string? stored, out ActivityContext context)
    {
        context = default;
        if (string.IsNullOrEmpty(stored)) return false;
        var space = stored.IndexOf(' ', StringComparison.Ordinal);
        var traceparent = space < 0 ? stored : stored[..space];
        var tracestate = space < 0 ? null : stored[(space + 1)..];
        return ActivityContext.TryParse(traceparent, tracestate, isRemote: true, out context);
    }

    /// <summary>A short activity around a create (of <paramref name="count"/> tasks), a child of the caller's; null while nobody listens.</summary>
    public static Activity? StartCreate(string worker, string action, int count = 1)
    {
        if (!Source.HasListeners()) return null;
        var activity = Source.StartActivity("tasklane.create", ActivityKind.Producer);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("tasklane.worker", worker);
            activity.SetTag("tasklane.action", action);
            if (count != 1) activity.SetTag("tasklane.task.count", count);
        }
        return activity;
    }

    /// <summary>Records the created task's id on the create activity.</summary>
    public static void Created(Activity? activity, TaskRow task)
    {
        if (activity is { IsAllDataRequested: true }) activity.SetTag("tasklane.task.id", task.Id);
    }

    /// <summary>
    /// The activity of one execution: a root of its own (an execution is not part of the request that created it,
    /// which has long ended), linked to the creator's stored context; null while nobody listens. It becomes the
    /// current activity, so what the handler does (HTTP calls, queries) is traced beneath it.
    /// </summary>
    public static Activity? StartExecution(TaskRow task, string nodeId)
    {
        if (!Source.HasListeners()) return null;
        ActivityLink[]? links = TryParse(task.TraceContext, out var creator) ? [new ActivityLink(creator)] : null;
        // A root: whatever the dispatcher's flow carried is not this execution's parent.
        Activity.Current = null;
        var activity = Source.StartActivity(ActivityKind.Consumer, parentContext: default, links: links, name: "tasklane.execute");
        if (activity is { IsAllDataRequested: true })
        {
            activity.DisplayName = $"{task.Worker}/{task.Action}";
            activity.SetTag("tasklane.task.id", task.Id);
            activity.SetTag("tasklane.worker", task.Worker);
            activity.SetTag("tasklane.action", task.Action);
            activity.SetTag("tasklane.queue", task.Queue);
            activity.SetTag("tasklane.attempt", task.Attempt);
            activity.SetTag("tasklane.node", nodeId);
        }
        return activity;
    }

    /// <summary>Records how the attempt ended: its status, and an error status with the message when it failed.</summary>
    public static void Ended(Activity? activity, TaskOutcome? outcome)
    {
        if (activity is null) return;
        if (outcome is null)
        {
            activity.SetTag("tasklane.task.status", "released");
            return;
        }
        activity.SetTag("tasklane.task.status", outcome.Status == TaskState.Pending ? "retrying" : StoreText.Of(outcome.Status));
        if (outcome.Error is { } error) activity.SetStatus(ActivityStatusCode.Error, error);
        else if (outcome.Status == TaskState.Completed) activity.SetStatus(ActivityStatusCode.Ok);
    }
}
