using Microsoft.Extensions.DependencyInjection;
using Tasklane.Testing;
using Xunit;

namespace Tasklane.Examples;

// snippet: testing-fake-repo
/// <summary>The repository the worker's constructor takes, faked for the test.</summary>
public sealed class FakeProductRepo(params string[] rows) : IProductRepo
{
    public List<string> Saved { get; } = [];

    public Task<IReadOnlyList<string>> ReadAsync(string file, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(rows);

    public Task SaveAsync(string row, CancellationToken cancellationToken)
    {
        if (row.Length == 0) throw new InvalidDataException("An empty row");
        Saved.Add(row);
        return Task.CompletedTask;
    }
}
// end snippet

public sealed class ProductWorkerTests
{
    // snippet: testing-run
    [Fact]
    public async Task Import_SavesEveryRowAndReportsProgress()
    {
        var repo = new FakeProductRepo("apple", "pear", "plum");
        var services = new ServiceCollection().AddSingleton<IProductRepo>(repo);

        var run = await TaskRunner.For<ProductWorker>(services).RunAsync("import", new ImportArgs("products.csv"));

        Assert.Equal(TaskState.Completed, run.Status);
        Assert.Equal((3L, 3L), (run.Processed, run.Total));
        Assert.Contains("Imported 3 products", run.LogMessages);
        Assert.Equal(["apple", "pear", "plum"], repo.Saved);
    }
    // end snippet

    // snippet: testing-failure
    [Fact]
    public async Task Import_ABadRow_FailsTheTaskWithTheError()
    {
        var services = new ServiceCollection().AddSingleton<IProductRepo>(new FakeProductRepo("apple", ""));

        var run = await TaskRunner.For<ProductWorker>(services).RunAsync("import", new ImportArgs("products.csv"));

        Assert.Equal(TaskState.Failed, run.Status);
        Assert.Equal("An empty row", run.Error);
        Assert.Equal(50, run.Progress);            // the progress it had reached
        Assert.Equal(1, run.Attempts);             // one attempt unless TaskOptions.MaxAttempts says otherwise
    }
    // end snippet

    // snippet: testing-bad-data
    [Fact]
    public async Task Import_WithoutAFile_IsRefusedAtCreation()
    {
        var runner = TaskRunner.For<ProductWorker>(new ServiceCollection().AddSingleton<IProductRepo>(new FakeProductRepo()));

        var error = await Assert.ThrowsAsync<TaskCreateException>(() => runner.RunAsync("import", new { file = (string?)null }));

        Assert.Equal("data.file", error.Field);
    }
    // end snippet

    // snippet: testing-delegate
    [Fact]
    public async Task Cleanup_ReportsAnArtifact()
    {
        var runner = TaskRunner.For(b => b.AddWorker("cleanup", "run", async (TaskContext task, CancellationToken ct) =>
        {
            await task.SaveArtifactAsync("removed.txt", new MemoryStream("a.tmp\nb.tmp\n"u8.ToArray()), ct);
        }));

        var run = await runner.RunAsync(new TaskRequest("cleanup", "run", Data: null));

        Assert.Equal("removed.txt", run.Artifact?.Name);
        Assert.Equal("a.tmp\nb.tmp\n", run.Artifact?.Text);
    }
    // end snippet
}
