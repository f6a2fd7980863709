using System.ComponentModel.DataAnnotations;

namespace Tasklane.Examples;

// snippet: product-worker
[Worker("product", Title = "Products", Scope = "shop", Icon = "box")]
public sealed class ProductWorker(IProductRepo repo) : TaskWorker
{
    [Action("import", TimeoutSeconds = 600)]
    public async Task ImportAsync(TaskContext task, ImportArgs args, CancellationToken cancellationToken)
    {
        var rows = await repo.ReadAsync(args.File, cancellationToken);
        for (var i = 0; i < rows.Count; i++)
        {
            await repo.SaveAsync(rows[i], cancellationToken);
            await task.ReportAsync(processed: i + 1, total: rows.Count, message: "Importing products...");
        }
        task.Logger.LogInformation("Imported {Count} products", rows.Count);   // lands in the task log
    }
}

public sealed record ImportArgs([property: Required] string File);
// end snippet
