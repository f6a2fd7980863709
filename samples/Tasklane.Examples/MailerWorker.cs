using System.ComponentModel.DataAnnotations;

namespace Tasklane.Examples;

// snippet: mailer-worker
[Worker("mailer", Title = "Mailer", Scope = "crm", Description = "Sends campaign e-mails",
        Icon = "mail", Queue = "emails", MaxAttempts = 5)]
public sealed class MailerWorker(ISmtp smtp) : TaskWorker           // constructor injection, new scope per task
{
    [Action("send", TimeoutSeconds = 300)]
    public async Task SendAsync(TaskContext task, SendArgs args, CancellationToken cancellationToken)
    {
        for (var i = 0; i < args.To.Count; i++)
        {
            await smtp.SendAsync(args.To[i], args.Subject, cancellationToken);
            await task.ReportAsync(processed: i + 1, total: args.To.Count, message: $"Sent to {args.To[i]}");
        }
        task.Logger.LogInformation("Campaign {Subject} sent", args.Subject);   // a line of the task's log
    }
}

public sealed record SendArgs([property: Required] string Subject, [property: MinLength(1)] IReadOnlyList<string> To);
// end snippet
