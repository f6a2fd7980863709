namespace Tasklane.Bench;

/// <summary>The Hangfire job of the benchmark: returns at once (Hangfire runs only public methods, hence public).</summary>
public static class NoopJob
{
    /// <summary>Does nothing.</summary>
    public static void Run() { }
}
