namespace Tasklane.Examples;

/// <summary>Creates virtual machines in steps: the subtasks example.</summary>
[Worker("vm", Title = "Virtual machines")]
public sealed class VmWorker : TaskWorker
{
    // snippet: provision-subtasks
    [Action("provision")]
    public async Task ProvisionAsync(TaskContext task, ProvisionArgs args, CancellationToken cancellationToken)
    {
        await task.CreateSubtasksAsync(
        [
            new SubtaskSpec("clone", "vm", "clone", new { template = args.Template }) { ObjectType = "vm", ObjectId = args.VmId },
            new SubtaskSpec("database", "crm", "update-vm", new { vm = args.VmId }) { DependsOn = ["clone"] },
            new SubtaskSpec("mail", "mailer", "send", new { to = args.Owner }) { DependsOn = ["clone", "database"], MaxAttempts = 5 },
        ], cancellationToken);
    }
    // end snippet

    // snippet: subtask-only-action
    [Action("clone", SubtaskOnly = true)]
    public async Task CloneAsync(TaskContext task, CloneArgs args, CancellationToken cancellationToken)
    {
        await task.LogAsync($"Cloning {args.Template}");
    }
    // end snippet
}
