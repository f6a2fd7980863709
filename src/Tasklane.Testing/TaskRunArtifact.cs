using System.Text;

namespace Tasklane.Testing;

/// <summary>A task's artifact as the artifact store kept it: the name offered on download and the bytes.</summary>
/// <param name="Name">The file name (as the store made it safe).</param>
/// <param name="Content">The bytes.</param>
public sealed record TaskRunArtifact(string Name, ReadOnlyMemory<byte> Content)
{
    /// <summary>The content read as UTF-8 text.</summary>
    public string Text => Encoding.UTF8.GetString(Content.Span);
}
