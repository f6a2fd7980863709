namespace Tasklane.Tests.EndToEnd;

/// <summary>What one run of the <c>tasklane</c> executable gave: its exit code, standard output and standard error.</summary>
public sealed record CliResult(int Exit, string Out, string Err)
{
    /// <summary>Standard error as one line (asserting there is exactly one, and no stack trace anywhere).</summary>
    public string ErrorLine()
    {
        Assert.DoesNotContain("   at ", Out + Err, StringComparison.Ordinal);
        return Assert.Single(Err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    public override string ToString() => $"exit {Exit}\nstdout: {Out}\nstderr: {Err}";
}
