namespace Tasklane.Cli.Commands;

/// <summary>The exit codes of the client commands (docs/cli.md lists them; <c>serve</c> has its own).</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>The server refused the request (400, 404, 409, 422, 5xx …): its reason is printed.</summary>
    public const int Refused = 1;

    /// <summary>The command line is wrong: an unknown command or option, a bad value, broken JSON in <c>--data</c> or the input.</summary>
    public const int Usage = 2;

    /// <summary>The server cannot be reached (refused connection, unknown host, no answer in time).</summary>
    public const int Unreachable = 3;

    /// <summary>401: not signed in, or the token expired or was revoked.</summary>
    public const int Unauthenticated = 4;

    /// <summary>403: signed in, without the permission the command needs.</summary>
    public const int Forbidden = 5;

    /// <summary><c>tasks watch</c>: the task failed.</summary>
    public const int TaskFailed = 10;

    /// <summary><c>tasks watch</c>: the task was cancelled.</summary>
    public const int TaskCancelled = 11;

    /// <summary><c>tasks watch</c>: the task was deleted while watched.</summary>
    public const int TaskDeleted = 12;

    /// <summary><c>tasks watch --timeout</c>: the task had not ended in time.</summary>
    public const int WatchTimeout = 13;

    /// <summary>Interrupted (Ctrl+C), as shells count a SIGINT.</summary>
    public const int Interrupted = 130;
}
