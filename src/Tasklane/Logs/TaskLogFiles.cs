using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Tasklane;

/// <summary>
/// The <c>file</c> log storage: one JSON-lines file per task, <c>{logs folder}/{id / 1000}/{id}.jsonl</c>, holding the
/// lines moved out of the database with their sequence numbers. Appends are idempotent (a line whose sequence
/// number the file already holds is skipped) and exclusive (a second writer waits for the next round), so a node
/// that stops between writing the file and deleting the rows, or two nodes on a shared folder, never duplicate lines.
/// </summary>
internal sealed class TaskLogFiles(IOptions<TasklaneOptions> options) : ILogArchive
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private readonly string _root = options.Value.ResolvedLogsPath;

    /// <summary>Appends the lines the file does not hold yet; false when another writer has the file open.</summary>
    public async Task<bool> AppendAsync(long taskId, IReadOnlyList<TaskLogLine> lines, CancellationToken cancellationToken)
    {
        var path = PathOf(taskId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 4096, useAsync: true);
        }
        catch (IOException)
        {
            return false;
        }
        await using (file)
        {
            var (lastSeq, validLength) = await ScanAsync(file, cancellationToken);
            // A line cut short by a crash is dropped before new lines follow it.
            file.SetLength(validLength);
            file.Seek(0, SeekOrigin.End);
            var text = new StringBuilder();
            foreach (var line in lines.Where(l => l.Seq > lastSeq)) text.Append(Serialize(line)).Append('\n');
            await file.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken);
            await file.FlushAsync(cancellationToken);
            file.Flush(flushToDisk: true);
        }
        return true;
    }

    /// <summary>The task's archived lines after <paramref name="afterSeq"/>, oldest first; empty when it has no file.</summary>
    public async Task<IReadOnlyList<TaskLogLine>> ReadAsync(long taskId, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        var path = PathOf(taskId);
        if (!File.Exists(path) || limit <= 0) return [];
        var lines = new List<TaskLogLine>();
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, useAsync: true);
            using var reader = new StreamReader(file, Encoding.UTF8);
            while (lines.Count < limit && await reader.ReadLineAsync(cancellationToken) is { } text)
            {
                if (Parse(text) is { } line && line.Seq > afterSeq) lines.Add(line.ToLogLine(taskId));
            }
        }
        catch (FileNotFoundException)
        {
            // Removed by retention between the check and the open: the task has no archived lines.
        }
        return lines;
    }

    /// <summary>The task's archived lines, oldest first, in pages of up to <paramref name="pageSize"/>, read in one pass; none when it has no file.</summary>
    public async IAsyncEnumerable<IReadOnlyList<TaskLogLine>> ReadPagesAsync(
        long taskId, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        FileStream file;
        try
        {
            file = new FileStream(PathOf(taskId), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, useAsync: true);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            // No file (database storage, or removed by retention): the task has no archived lines.
            yield break;
        }
        await using (file)
        {
            using var reader = new StreamReader(file, Encoding.UTF8);
            var page = new List<TaskLogLine>(pageSize);
            long last = 0;
            while (await reader.ReadLineAsync(cancellationToken) is { } text)
            {
                // A line cut short by a crash does not parse; a line written twice (an interrupted append) is skipped.
                if (Parse(text) is not { } line || line.Seq <= last) continue;
                last = line.Seq;
                page.Add(line.ToLogLine(taskId));
                if (page.Count < pageSize) continue;
                yield return page;
                page = new List<TaskLogLine>(pageSize);
            }
            if (page.Count > 0) yield return page;
        }
    }

    /// <summary>Removes the files of tasks that no longer exist → the log lines they held.</summary>
    public Task<int> DeleteAsync(IReadOnlyList<long> taskIds, CancellationToken cancellationToken) => Task.FromResult(Delete(taskIds));

    private int Delete(IEnumerable<long> taskIds)
    {
        var lines = 0;
        foreach (var id in taskIds)
        {
            var path = PathOf(id);
            if (!File.Exists(path)) continue;
            try
            {
                lines += CountLines(path);
            }
            catch (IOException)
            {
                // Gone or held elsewhere: deleting it below says which.
            }
            File.Delete(path);
        }
        return lines;
    }

    /// <summary>The complete lines of a file (a line cut short by a crash is not one), read in blocks.</summary>
    private static int CountLines(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024);
        var buffer = new byte[64 * 1024];
        int read, lines = 0;
        while ((read = file.Read(buffer, 0, buffer.Length)) > 0) lines += buffer.AsSpan(0, read).Count((byte)'\n');
        return lines;
    }

    /// <summary>The file of a task.</summary>
    public string PathOf(long taskId) => Path.Combine(_root, (taskId / 1000).ToString(System.Globalization.CultureInfo.InvariantCulture), $"{taskId}.jsonl");

    private static async Task<(long LastSeq, long ValidLength)> ScanAsync(FileStream file, CancellationToken cancellationToken)
    {
        file.Seek(0, SeekOrigin.Begin);
        var bytes = new byte[file.Length];
        await file.ReadExactlyAsync(bytes, cancellationToken);
        long lastSeq = 0, validLength = 0, start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != (byte)'\n') continue;
            if (Parse(Encoding.UTF8.GetString(bytes, (int)start, (int)(i - start))) is { } line) lastSeq = Math.Max(lastSeq, line.Seq);
            validLength = i + 1;
            start = i + 1;
        }
        return (lastSeq, validLength);
    }

    /// <summary>One line as the archive writes it (JSON, no newline).</summary>
    internal static string Serialize(TaskLogLine line) => JsonSerializer.Serialize(FileLine.From(line), Json);

    /// <summary>A line the archive wrote, or null when <paramref name="text"/> is not one (cut short by a crash).</summary>
    internal static TaskLogLine? ParseLine(string text, long taskId) => Parse(text)?.ToLogLine(taskId);

    private static FileLine? Parse(string text)
    {
        try { return JsonSerializer.Deserialize<FileLine>(text, Json); }
        catch (JsonException) { return null; }
    }

    private sealed record FileLine(
        long Seq, DateTimeOffset At, string Level, string Message, TaskState Status, double Progress,
        long? Processed, long? Total, double? EtaSeconds)
    {
        public static FileLine From(TaskLogLine l) => new(l.Seq, l.At, l.Level, l.Message, l.Status, l.Progress, l.Processed, l.Total, l.EtaSeconds);

        public TaskLogLine ToLogLine(long taskId) => new()
        {
            Seq = Seq, TaskId = taskId, At = At, Level = Level, Message = Message, Status = Status,
            Progress = Progress, Processed = Processed, Total = Total, EtaSeconds = EtaSeconds,
        };
    }
}
