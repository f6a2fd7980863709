using Tasklane.Examples;

namespace Tasklane.Tests.Docs;

/// <summary>The xunit examples of docs/testing.md (compiled in samples/Tasklane.Examples) pass when run, so the doc shows tests that hold.</summary>
public sealed class TestingDocExampleTests
{
    private readonly ProductWorkerTests _examples = new();

    [Fact]
    public Task Example_Run_Passes() => _examples.Import_SavesEveryRowAndReportsProgress();

    [Fact]
    public Task Example_Failure_Passes() => _examples.Import_ABadRow_FailsTheTaskWithTheError();

    [Fact]
    public Task Example_BadData_Passes() => _examples.Import_WithoutAFile_IsRefusedAtCreation();

    [Fact]
    public Task Example_Delegate_Passes() => _examples.Cleanup_ReportsAnArtifact();
}
