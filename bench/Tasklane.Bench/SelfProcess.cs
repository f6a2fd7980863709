using System.Diagnostics;
using System.Reflection;

namespace Tasklane.Bench;

/// <summary>How the bench starts itself again as a child process: the same executable (or <c>dotnet Tasklane.Bench.dll</c>).</summary>
internal static class SelfProcess
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var info = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(path) == "dotnet") info.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        return info;
    }
}
