using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Tasklane;

/// <summary>The default notifier: delivers to the listeners of this process only (one node, one database file).</summary>
internal sealed class InProcessTaskNotifier : ITaskNotifier
{
    private readonly Lock _gate = new();
    private readonly List<Channel<TaskNotification>> _listeners = [];

    public ValueTask NotifyAsync(TaskNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        lock (_gate)
        {
            foreach (var listener in _listeners) listener.Writer.TryWrite(notification);
        }
        return ValueTask.CompletedTask;
    }

    public async IAsyncEnumerable<TaskNotification> ListenAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<TaskNotification>(new BoundedChannelOptions(1024)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_gate) _listeners.Add(channel);
        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var notification)) yield return notification;
            }
        }
        finally
        {
            lock (_gate) _listeners.Remove(channel);
        }
    }
}
