using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Engine;

/// <summary>
/// Listeners of an <see cref="ActivitySource"/> are process-wide: the tests that listen to Tasklane's, or check that
/// nothing is started without one, run on their own.
/// </summary>
[CollectionDefinition("Traces", DisableParallelization = true)]
public sealed class TracesCollection;

/// <summary>The execution activity, linked to the trace that created the task, with OpenTelemetry's in-memory exporter.</summary>
[Collection("Traces")]
public sealed class TraceTests
{
    private static readonly ActivitySource Requests = new("Tasklane.Tests.Requests");

    [Fact]
    public async Task Execution_OfTaskCreatedInsideAnActivity_LinksToThatActivity()
    {
        var exported = new List<Activity>();
        using var tracing = Tracing(exported);
        await using var engine = await EngineHost.StartAsync();

        ActivityContext request;
        long id;
        using (var activity = Requests.StartActivity("POST /orders")!)
        {
            request = activity.Context;
            id = (await engine.Client.CreateAsync("test", "record", new NamedArgs("traced"))).Id;
        }
        await engine.WaitForStatusAsync(id, TaskState.Completed);

        var execution = await ExecutionAsync(exported, id);
        var link = Assert.Single(execution.Links);
        Assert.Equal(request.TraceId, link.Context.TraceId);
        Assert.Equal(request.SpanId, link.Context.SpanId);
        // A root of its own, not a child of the request that has long ended.
        Assert.Equal(default, execution.ParentSpanId);
        Assert.NotEqual(request.TraceId, execution.TraceId);
        Assert.Equal(ActivityKind.Consumer, execution.Kind);
        Assert.Equal("completed", execution.GetTagItem("tasklane.task.status"));
        Assert.Equal(ActivityStatusCode.Ok, execution.Status);
        // The short create activity is a child of the request.
        lock (exported)
        {
            Assert.Contains(exported, a => a.OperationName == "tasklane.create" && a.ParentSpanId == request.SpanId && Equals(a.GetTagItem("tasklane.task.id"), id));
        }
    }

    [Fact]
    public async Task Execution_AfterARestartOnTheSameFile_StillLinksToTheCreatorFromTheStore()
    {
        var exported = new List<Activity>();
        using var tracing = Tracing(exported);
        using var directory = new TempDirectory();
        ActivityContext request;
        long id;
        // A node that only creates (no engine) and then stops: nothing of the context stays in memory.
        await using (var creator = await EngineHost.StartAsync(o => o.RunEngine = false, directory.DatabasePath))
        {
            using var activity = Requests.StartActivity("POST /orders")!;
            activity.TraceStateString = "vendor=abc";
            request = activity.Context;
            id = (await creator.Client.CreateManyAsync([new TaskRequest("test", "record", new NamedArgs("restart"))]))[0].Id;
        }

        await using var runner = await EngineHost.StartAsync(databasePath: directory.DatabasePath);
        await runner.WaitForStatusAsync(id, TaskState.Completed);

        var link = Assert.Single((await ExecutionAsync(exported, id)).Links);
        Assert.Equal(request.TraceId, link.Context.TraceId);
        Assert.Equal(request.SpanId, link.Context.SpanId);
        Assert.Equal("vendor=abc", link.Context.TraceState);
        Assert.True(link.Context.IsRemote);
    }

    [Fact]
    public void StartExecution_WithoutAListener_StartsNothing()
    {
        var task = new TaskRow { Id = 1, Worker = "test", Action = "record", TraceContext = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" };

        Assert.Null(TaskTracing.StartExecution(task, "node-1"));
        Assert.Null(TaskTracing.StartCreate("test", "record"));
    }

    [Fact]
    public void Capture_WithoutACurrentActivity_IsNull_AndTheStoredFormParsesBack()
    {
        Assert.Null(Activity.Current);
        Assert.Null(TaskTracing.Capture());

        using var activity = new Activity("request").SetIdFormat(ActivityIdFormat.W3C).Start();
        activity.TraceStateString = "a=1,b=2 c";
        var stored = TaskTracing.Capture();

        Assert.Equal($"{activity.Id} a=1,b=2 c", stored);
        Assert.True(TaskTracing.TryParse(stored, out var parsed));
        Assert.Equal(activity.TraceId, parsed.TraceId);
        Assert.Equal(activity.SpanId, parsed.SpanId);
        Assert.Equal("a=1,b=2 c", parsed.TraceState);
        Assert.False(TaskTracing.TryParse("not a traceparent", out _));
    }

    private static TracerProvider Tracing(List<Activity> exported) =>
        Sdk.CreateTracerProviderBuilder()
            .AddSource(TasklaneDiagnostics.ActivitySourceName, Requests.Name)
            .AddInMemoryExporter(exported)
            .Build();

    private static Task<Activity> ExecutionAsync(List<Activity> exported, long id) =>
        Eventually.ValueAsync(() =>
        {
            lock (exported)
            {
                return Task.FromResult(exported.FirstOrDefault(a => a.OperationName == "tasklane.execute" && Equals(a.GetTagItem("tasklane.task.id"), id))!);
            }
        }, a => a is not null, because: $"the execution activity of task {id}");
}
