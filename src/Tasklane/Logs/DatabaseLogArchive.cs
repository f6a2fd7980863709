using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;

namespace Tasklane;

/// <summary>
/// The <c>file</c> log storage in the database (<see cref="IFileStore"/>), so that any node sharing it reads a moved
/// log: each move of a task's lines is one chunk, its JSON lines gzip-compressed, keyed by its last sequence number
/// (so a move retried after a crash adds nothing twice). Lines a node moved to its logs folder before the database kept
/// them are still read from there (<paramref name="earlier"/>), before the chunks.
/// </summary>
internal sealed class DatabaseLogArchive(IFileStore files, TaskLogFiles earlier) : ILogArchive
{
    private const int ChunksPerRead = 8;

    public async Task<bool> AppendAsync(long taskId, IReadOnlyList<TaskLogLine> lines, CancellationToken cancellationToken)
    {
        var last = await files.LastArchivedLogSeqAsync(taskId, cancellationToken);
        var fresh = lines.Where(l => l.Seq > last).OrderBy(l => l.Seq).ToList();
        if (fresh.Count == 0) return true;
        await files.AddLogArchiveAsync(new LogArchiveChunk(taskId, fresh[0].Seq, fresh[^1].Seq, fresh.Count, Compress(fresh)), cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<TaskLogLine>> ReadAsync(long taskId, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0) return [];
        var lines = new List<TaskLogLine>(await earlier.ReadAsync(taskId, afterSeq, limit, cancellationToken));
        var after = lines.Count > 0 ? lines[^1].Seq : afterSeq;
        while (lines.Count < limit)
        {
            var chunks = await files.ReadLogArchivesAsync(taskId, after, ChunksPerRead, cancellationToken);
            foreach (var chunk in chunks)
            {
                lines.AddRange(Decompress(chunk).Where(l => l.Seq > after).Take(limit - lines.Count));
                if (lines.Count >= limit) break;
            }
            if (chunks.Count < ChunksPerRead || lines.Count >= limit) break;
            after = chunks[^1].LastSeq;
        }
        return lines;
    }

    public async IAsyncEnumerable<IReadOnlyList<TaskLogLine>> ReadPagesAsync(long taskId, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long after = 0;
        await foreach (var page in earlier.ReadPagesAsync(taskId, pageSize, cancellationToken))
        {
            after = page[^1].Seq;
            yield return page;
        }
        var pending = new List<TaskLogLine>(pageSize);
        while (true)
        {
            var chunks = await files.ReadLogArchivesAsync(taskId, after, ChunksPerRead, cancellationToken);
            foreach (var chunk in chunks)
            {
                foreach (var line in Decompress(chunk).Where(l => l.Seq > after))
                {
                    pending.Add(line);
                    if (pending.Count < pageSize) continue;
                    yield return pending;
                    pending = new List<TaskLogLine>(pageSize);
                }
            }
            if (chunks.Count < ChunksPerRead) break;
            after = chunks[^1].LastSeq;
        }
        if (pending.Count > 0) yield return pending;
    }

    public async Task<int> DeleteAsync(IReadOnlyList<long> taskIds, CancellationToken cancellationToken) =>
        await files.DeleteLogArchivesAsync(taskIds, cancellationToken) + await earlier.DeleteAsync(taskIds, cancellationToken);

    private static byte[] Compress(IEnumerable<TaskLogLine> lines)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new StreamWriter(gzip, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        {
            foreach (var line in lines) writer.Write(TaskLogFiles.Serialize(line) + "\n");
        }
        return buffer.ToArray();
    }

    private static List<TaskLogLine> Decompress(LogArchiveChunk chunk)
    {
        var lines = new List<TaskLogLine>(chunk.Lines);
        using var gzip = new GZipStream(new MemoryStream(chunk.Content, writable: false), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        while (reader.ReadLine() is { } text)
        {
            if (TaskLogFiles.ParseLine(text, chunk.TaskId) is { } line) lines.Add(line);
        }
        return lines;
    }
}
