using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Tasklane.AspNetCore;

/// <summary>
/// Streams a task's log export: the lines are read a page at a time (log files in one pass, then the store by
/// sequence number) and each page is written and flushed before the next is read, so an export holds one page,
/// not the log. The answer has no Content-Length. A failure after the first bytes aborts the response, so a
/// client never takes a cut-short file for a whole one.
/// </summary>
internal sealed partial class LogExportResult(TaskRow task, string format) : IResult
{
    /// <summary>Lines read and written at a time.</summary>
    public const int PageSize = 1000;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var html = format == "html";
        var response = httpContext.Response;
        var cancellationToken = httpContext.RequestAborted;
        response.ContentType = html ? "text/html; charset=utf-8" : "text/plain; charset=utf-8";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName($"task-{task.Id}-log.{(html ? "html" : "txt")}");
        response.Headers.ContentDisposition = disposition.ToString();

        var logs = httpContext.RequestServices.GetRequiredService<TaskLogs>();
        var chunk = new StringBuilder();
        try
        {
            if (html) LogExport.HtmlStart(chunk, task);
            await foreach (var page in logs.ReadAllAsync(task.Id, PageSize, cancellationToken))
            {
                if (html) LogExport.HtmlRows(chunk, page);
                else LogExport.Text(chunk, page);
                await WriteAsync(response, chunk, cancellationToken);
            }
            if (html) LogExport.HtmlEnd(chunk);
            await WriteAsync(response, chunk, cancellationToken);
        }
        catch (Exception ex) when (response.HasStarted && !cancellationToken.IsCancellationRequested)
        {
            // The status line is sent: no problem answer is possible any more. Say so here and cut the response.
            LogExportFailed(httpContext.RequestServices.GetRequiredService<ILogger<LogExportResult>>(), task.Id, ex.Message);
            httpContext.Abort();
        }
    }

    private static async Task WriteAsync(HttpResponse response, StringBuilder chunk, CancellationToken cancellationToken)
    {
        if (chunk.Length == 0) return;
        await response.WriteAsync(chunk.ToString(), Encoding.UTF8, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
        chunk.Clear();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The log export of task {TaskId} stopped part way, the response was cut: {Reason}")]
    private static partial void LogExportFailed(ILogger logger, long taskId, string reason);
}
