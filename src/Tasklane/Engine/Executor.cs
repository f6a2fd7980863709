using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tasklane;

/// <summary>
/// Runs one claimed task: resolves its worker in a new scope, calls the action, turns the result into an outcome; inside an
/// activity linked to the creator's trace when anyone listens (<see cref="TaskTracing"/>).
/// </summary>
internal sealed partial class Executor(
    IServiceScopeFactory scopes,
    WorkerRegistry registry,
    RunningTasks running,
    ReportWriter reports,
    Completer completer,
    RetryPolicy retryPolicy,
    IArtifactStore artifacts,
    WorkerCatalog catalog,
    SubtaskFactory subtasks,
    TasklaneMetrics metrics,
    TimeProvider time,
    ILogger<Executor> logger)
{
    /// <summary>Runs a task that the dispatcher has already registered in <see cref="RunningTasks"/> (so slots are counted at claim time).</summary>
    public async Task RunAsync(TaskRow task, CancellationTokenSource cancellation, string nodeId, CancellationToken shutdownToken)
    {
        using var activity = TaskTracing.StartExecution(task, nodeId);
        try
        {
            var outcome = await ExecuteAsync(task, nodeId, cancellation, shutdownToken);
            TaskTracing.Ended(activity, outcome);
            if (outcome is not null)
            {
                metrics.Ran(task, outcome.Status, outcome.Now - (task.StartedAt ?? outcome.Now));
                completer.Enqueue(outcome);
            }
        }
        finally
        {
            running.Remove(task.Id);
        }
    }

    private async Task<TaskOutcome?> ExecuteAsync(TaskRow task, string nodeId, CancellationTokenSource cancellation, CancellationToken shutdownToken)
    {
        var descriptor = registry.Find(task.Worker);
        var action = descriptor?.Actions.GetValueOrDefault(task.Action);
        if (action is null)
        {
            return Final(task, nodeId, TaskState.Failed, $"Worker '{task.Worker}' has no action '{task.Action}' on this node.", null);
        }
        using var timeout = task.TimeoutSeconds is > 0 and var seconds
            ? new CancellationTokenSource(TimeSpan.FromSeconds(seconds), time)
            : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellation.Token, timeout.Token, shutdownToken);
        var token = linked.Token;
        TaskContext? context = null;
        try
        {
            var args = action.ParseArgs(task.Data);
            await using var scope = scopes.CreateAsyncScope();
            // A worker class is made in the task's scope; a worker made of delegates has no instance.
            var worker = descriptor!.Type is { } type ? ActivatorUtilities.CreateInstance(scope.ServiceProvider, type) : null;
            context = new TaskContext(task, reports, artifacts, catalog, subtasks, time, scope.ServiceProvider, token);
            await action.InvokeAsync(worker, context, args, token);
            return Final(task, nodeId, TaskState.Completed, null, null, context.Artifact, "Completed") with
            {
                ResponseCode = context.Response?.Code, ResponseMessage = context.Response?.Message,
            };
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            if (running.IsCancelRequested(task.Id))
            {
                return Final(task, nodeId, TaskState.Cancelled, null, null, context?.Artifact, "Cancelled", "warning");
            }
            if (shutdownToken.IsCancellationRequested)
            {
                return null; // released by the engine at shutdown, not an attempt of its own
            }
            return Failure(task, nodeId, $"Timed out after {task.TimeoutSeconds} s", null);
        }
        catch (TaskCreateException ex)
        {
            return Final(task, nodeId, TaskState.Failed, ex.Message, null);
        }
        catch (Exception ex)
        {
            LogHandlerFailed(ex, task.Id, task.Worker, task.Action);
            return Failure(task, nodeId, ex.Message, ex.ToString()) with
            {
                ResponseCode = context?.Response?.Code, ResponseMessage = context?.Response?.Message,
            };
        }
    }

    private TaskOutcome Failure(TaskRow task, string nodeId, string error, string? stackTrace)
    {
        if (task.AttemptsExhausted)
        {
            return Final(task, nodeId, TaskState.Failed, error, stackTrace, logMessage: $"Failed: {error}", level: "error");
        }
        var delay = retryPolicy.NextDelay(task.Attempt - task.AttemptBase);
        var now = time.GetUtcNow();
        return new TaskOutcome
        {
            TaskId = task.Id, Attempt = task.Attempt, NodeId = nodeId, Status = TaskState.Pending, Now = now,
            RunAt = now + delay, Error = error, StackTrace = stackTrace, LogLevel = "error",
            LogMessage = $"Attempt {task.Attempt} failed: {error}. Retrying in {delay.TotalSeconds:0.#} s",
        };
    }

    private TaskOutcome Final(TaskRow task, string nodeId, TaskState status, string? error, string? stackTrace,
        TaskArtifact? artifact = null, string? logMessage = null, string level = "error") => new()
    {
        TaskId = task.Id, Attempt = task.Attempt, NodeId = nodeId, Status = status, Now = time.GetUtcNow(),
        Error = error, StackTrace = stackTrace, Artifact = artifact,
        LogMessage = logMessage ?? $"Failed: {error}",
        LogLevel = status == TaskState.Completed ? "info" : level,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} ({Worker}/{Action}) failed")]
    private partial void LogHandlerFailed(Exception ex, long taskId, string worker, string action);
}
