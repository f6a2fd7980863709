namespace Tasklane;

/// <summary>
/// The base class of every worker. A worker is resolved from the service provider in a new
/// scope for each task, so its constructor may take scoped services.
/// </summary>
public abstract class TaskWorker
{
}
