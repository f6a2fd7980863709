using System.Text.Json;

namespace Tasklane.Bench;

/// <summary>The JSON settings of the results file and of the child processes' answers.</summary>
internal static class BenchJson
{
    /// <summary>Compact, one line per value.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = false };
}
