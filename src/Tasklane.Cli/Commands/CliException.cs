namespace Tasklane.Cli.Commands;

/// <summary>An error to show the user in one line, without a stack trace, and the exit code it ends the command with.</summary>
internal sealed class CliException(string message, int exitCode = ExitCodes.Refused) : Exception(message)
{
    /// <summary>The process's exit code (<see cref="ExitCodes"/>).</summary>
    public int ExitCode { get; } = exitCode;

    /// <summary>The HTTP status of the server's refusal, when the server refused.</summary>
    public int? Status { get; init; }
}
