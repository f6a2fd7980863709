using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;

namespace Tasklane.Tests.Engine;

/// <summary>
/// The checks of a bulk create (<see cref="ITaskClient.CreateManyAsync"/>) now that the worker and action of each
/// distinct pair are looked up once per batch and an argument type without annotations skips the validator: every task
/// is still checked against its own action, on a real SQLite file.
/// </summary>
public sealed class BulkCreateCheckTests
{
    [Fact]
    public async Task CreateMany_TwoActionsBadDataAtItem5000_RefusesTheBatchNamingThatItem()
    {
        await using var engine = await StartAsync();
        var tasks = new List<TaskRequest>();
        for (var i = 0; i < 6000; i++)
        {
            tasks.Add(i % 2 == 0
                ? new TaskRequest("bulkcheck", "ranged", new RangedArgs(i % 100))
                : new TaskRequest("bulkcheck", "plain", null));
        }
        tasks[5000] = new TaskRequest("bulkcheck", "ranged", new RangedArgs(1000));

        var refused = await Assert.ThrowsAsync<TaskCreateException>(() => engine.Client.CreateManyAsync(tasks));

        Assert.Equal(TaskCreateError.InvalidData, refused.Error);
        Assert.Equal("tasks[5000].data.count", refused.Field);
        Assert.StartsWith("tasks[5000]: ", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await engine.Store.ListTasksAsync(new TaskQuery { PageSize = 10 }, CancellationToken.None)).Total);
    }

    [Fact]
    public async Task CreateMany_SameDataForTwoActions_EachActionChecksItAgainstItsOwnType()
    {
        await using var engine = await StartAsync();
        const string data = """{"count":5}""";

        // "ranged" reads it, "named" (a required name, no count) does not: the first action's check does not count for the second.
        var refused = await Assert.ThrowsAsync<TaskCreateException>(() => engine.Client.CreateManyAsync(
        [
            new TaskRequest("bulkcheck", "ranged", data),
            new TaskRequest("bulkcheck", "ranged", data),
            new TaskRequest("bulkcheck", "named", data),
        ]));
        Assert.Equal(TaskCreateError.InvalidData, refused.Error);
        Assert.StartsWith("tasks[2].data", refused.Field, StringComparison.Ordinal);

        // In the other order too: an action that refused nothing yet is not taken as checked by the one before it.
        refused = await Assert.ThrowsAsync<TaskCreateException>(() => engine.Client.CreateManyAsync(
        [
            new TaskRequest("bulkcheck", "plain", data),
            new TaskRequest("bulkcheck", "ranged", """{"count":-1}"""),
        ]));
        Assert.Equal("tasks[1].data.count", refused.Field);
    }

    [Fact]
    public async Task CreateMany_UnknownActionAfterKnownPairs_RefusedAtItsItem()
    {
        await using var engine = await StartAsync();

        var refused = await Assert.ThrowsAsync<TaskCreateException>(() => engine.Client.CreateManyAsync(
        [
            new TaskRequest("bulkcheck", "plain", null),
            new TaskRequest("bulkcheck", "plain", null),
            new TaskRequest("bulkcheck", "nope", null),
        ]));

        Assert.Equal(TaskCreateError.UnknownAction, refused.Error);
        Assert.Equal("tasks[2].action", refused.Field);
    }

    [Theory]
    [InlineData("""{"name":"ok","code":"bad"}""", "data.code")] // IValidatableObject, no attribute: still validated
    [InlineData("""{"name":"ok","code":"good","extra":1}""", "data.extra")] // no annotation: unknown members still refused
    [InlineData("""{"name":"ok","code":7}""", "data.code")] // wrong type, read in one pass: the error names the member
    [InlineData("""{"name":"ok",""", "data")] // not JSON
    [InlineData("""[1]""", "data")] // not an object
    public async Task CreateMany_ArgumentTypesWithAndWithoutAnnotations_StillRefuseBadData(string data, string field)
    {
        await using var engine = await StartAsync();

        var refused = await Assert.ThrowsAsync<TaskCreateException>(() => engine.Client.CreateManyAsync(
        [
            new TaskRequest("bulkcheck", "selfchecked", """{"name":"ok","code":"good"}"""),
            new TaskRequest("bulkcheck", "selfchecked", data),
        ]));

        Assert.Equal(TaskCreateError.InvalidData, refused.Error);
        Assert.Equal("tasks[1]." + field, refused.Field);
    }

    [Theory]
    [InlineData("""[]""")]
    [InlineData("""{"a":""")]
    [InlineData("""42""")]
    public async Task CreateMany_ActionWithoutArguments_RefusesDataThatIsNoObject(string data)
    {
        await using var engine = await StartAsync();

        var refused = await Assert.ThrowsAsync<TaskCreateException>(() => engine.Client.CreateManyAsync(
        [
            new TaskRequest("bulkcheck", "plain", null),
            new TaskRequest("bulkcheck", "plain", data),
        ]));

        Assert.Equal("tasks[1].data", refused.Field);
    }

    [Fact]
    public async Task CreateMany_ManyTasksOfOneCreator_EachHasItsOwnReadableFirstLogLineAndData()
    {
        await using var engine = await StartAsync();
        var creator = new TaskCreator(7, "alice");
        var later = DateTimeOffset.UtcNow.AddHours(1);

        var created = await engine.Client.CreateManyAsync(
        [
            new TaskRequest("bulkcheck", "plain", null, new TaskOptions { CreatedBy = creator }),
            new TaskRequest("bulkcheck", "ranged", new RangedArgs(3), new TaskOptions { CreatedBy = creator }),
            new TaskRequest("bulkcheck", "plain", """ null """),
            new TaskRequest("bulkcheck", "ranged", new RangedArgs(4), new TaskOptions { CreatedBy = creator, RunAt = later }),
        ]);

        Assert.Equal(["Created by alice"], await engine.LogMessagesAsync(created[0].Id));
        Assert.Equal(["Created by alice"], await engine.LogMessagesAsync(created[1].Id));
        Assert.Equal(["Created by system"], await engine.LogMessagesAsync(created[2].Id));
        Assert.Equal([$"Created by alice; due at {later.ToUniversalTime():O}"], await engine.LogMessagesAsync(created[3].Id));
        Assert.Equal("""{"count":3}""", (await engine.Store.GetTaskAsync(created[1].Id, CancellationToken.None))!.Data);
        Assert.Equal("{}", (await engine.Store.GetTaskAsync(created[2].Id, CancellationToken.None))!.Data);
        Assert.All(created, t => Assert.Equal(created[0].CreatedAt, t.CreatedAt));
    }

    private static Task<EngineHost> StartAsync() =>
        EngineHost.StartAsync(o => o.RunEngine = false, services: s => s.AddSingleton(new WorkerRegistration(typeof(BulkCheckWorker))));
}

/// <summary>A count of 0–100.</summary>
public sealed record RangedArgs([property: Range(0, 100)] int Count);

/// <summary>A required name.</summary>
public sealed record NamedOnlyArgs(string Name);

/// <summary>Checked by itself, without a validation attribute: the code must be "good".</summary>
public sealed record SelfCheckedArgs(string Name, string Code) : IValidatableObject
{
    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Code != "good") yield return new ValidationResult("code must be good", [nameof(Code)]);
    }
}

/// <summary>Actions with argument types of each kind: annotated, plain, self-checked, and none.</summary>
[Worker("bulkcheck")]
public sealed class BulkCheckWorker : TaskWorker
{
    [Action("ranged")]
    public Task RangedAsync(RangedArgs args) => Task.CompletedTask;

    [Action("named")]
    public Task NamedAsync(NamedOnlyArgs args) => Task.CompletedTask;

    [Action("selfchecked")]
    public Task SelfCheckedAsync(SelfCheckedArgs args) => Task.CompletedTask;

    [Action("plain")]
    public Task PlainAsync() => Task.CompletedTask;
}
