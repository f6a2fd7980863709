using System.Runtime.CompilerServices;
using System.Text;

namespace Tasklane.Cli.Commands;

/// <summary>One event of a <c>text/event-stream</c>: its name, id and data (the data lines joined).</summary>
internal sealed record ServerSentEvent(string Event, string? Id, string Data)
{
    /// <summary>The events of a stream, as the HTML standard reads them: comments skipped, a blank line ends an event.</summary>
    public static async IAsyncEnumerable<ServerSentEvent> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string name = "message";
        string? id = null;
        var data = new StringBuilder();
        var hasData = false;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (hasData) yield return new ServerSentEvent(name, id, data.ToString());
                (name, id, hasData) = ("message", null, false);
                data.Clear();
                continue;
            }
            if (line.StartsWith(':')) continue;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (value.StartsWith(' ')) value = value[1..];
            switch (field)
            {
                case "event":
                    name = value;
                    break;
                case "id":
                    id = value;
                    break;
                case "data":
                    if (hasData) data.Append('\n');
                    data.Append(value);
                    hasData = true;
                    break;
            }
        }
    }
}
