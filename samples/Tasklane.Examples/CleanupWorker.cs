using System.ComponentModel.DataAnnotations;
using Tasklane.Sqlite;

namespace Tasklane.Examples;

/// <summary>A worker made of a delegate, registered beside the worker classes.</summary>
public static class CleanupWorker
{
    public static TasklaneBuilder Register(IServiceCollection services)
    {
        // snippet: delegate-worker
        return services.AddTasklane(b => b.UseSqlite("tasklane.db"))
            .AddWorker("cleanup", "run", async (TaskContext task, CleanupArgs args, CancellationToken ct) =>
            {
                var cutoff = DateTime.UtcNow.AddDays(-args.OlderThanDays);
                var files = Directory.GetFiles(args.Folder).Where(f => File.GetLastWriteTimeUtc(f) < cutoff).ToList();
                for (var i = 0; i < files.Count; i++)
                {
                    ct.ThrowIfCancellationRequested();
                    File.Delete(files[i]);
                    await task.ReportAsync(processed: i + 1, total: files.Count);
                }
                await task.LogAsync($"Removed {files.Count} files from {args.Folder}");
            }, new WorkerActionOptions { Title = "Clean-up", Queue = "maintenance", TimeoutSeconds = 600 });
        // end snippet
    }
}

// snippet: delegate-worker-args
public sealed record CleanupArgs([property: Required] string Folder, [property: Range(1, 365)] int OlderThanDays = 30);
// end snippet
