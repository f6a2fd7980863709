namespace Tasklane.Tests.Queues;

/// <summary>An action's default concurrency key from the task's data, and the claim planner's key slots.</summary>
public sealed class ConcurrencyKeyTemplateTests
{
    [Theory]
    [InlineData("import:{object_id}", """{"object_id":"7"}""", "import:7")]
    [InlineData("import:{object_id}", """{"object_id":42}""", "import:42")]
    [InlineData("{tenant}/{object_id}", """{"tenant":"acme","object_id":"7"}""", "acme/7")]
    [InlineData("{{literal}}:{a}", """{"a":"x"}""", "{literal}:x")]
    [InlineData("import:{object_id}", """{"other":1}""", null)]
    [InlineData("import:{object_id}", """{"object_id":null}""", null)]
    [InlineData("fixed", """{}""", "fixed")]
    public void KeyFor_FillsTheFieldsFromTheData_OrGivesNoKeyWhenOneIsMissing(string template, string data, string? key) =>
        Assert.Equal(key, new ConcurrencyKeyTemplate(template).KeyFor(data));

    [Theory]
    [InlineData("import:{object_id")]
    [InlineData("import:{}")]
    [InlineData("import:}")]
    public void BadTemplate_IsRefused(string template) =>
        Assert.Throws<ArgumentException>(() => new ConcurrencyKeyTemplate(template));

    [Fact]
    public void BadDeclaredKey_FailsWhenTheWorkerIsRegistered()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new TasklaneBuilderProbe().Register());
        Assert.Contains("unclosed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Planner_TakesAtMostTheKeysLimit_CountingRunningTasks_AndReportsTheFullKey()
    {
        var planner = new Tasklane.Storage.ClaimPlanner(10, new Dictionary<string, int>());
        planner.SetKeyRunning("k", 1);
        planner.SetKeyRunning("busy", null); // another node is claiming it

        planner.Offer(1, "default", "k", 2);
        planner.Offer(2, "default", "k", 2);
        planner.Offer(3, "default", "busy", 5);
        planner.Offer(4, "default", null, 1);

        Assert.Equal([1L, 4L], planner.Chosen);
        Assert.Equal(["busy", "k"], planner.FullKeys.Order(StringComparer.Ordinal).ToArray());
    }

    private sealed class TasklaneBuilderProbe
    {
        public void Register()
        {
            var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
            services.AddTasklane(b => b.AddWorker("bad", "run", (CancellationToken _) => Task.CompletedTask,
                new WorkerActionOptions { ConcurrencyKey = "import:{object_id" }));
        }
    }
}
