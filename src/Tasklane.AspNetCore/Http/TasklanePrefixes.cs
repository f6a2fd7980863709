using Microsoft.AspNetCore.Http;

namespace Tasklane.AspNetCore;

/// <summary>The path prefixes Tasklane is mapped under, so its middleware touches only its own responses.</summary>
internal sealed class TasklanePrefixes
{
    private readonly Lock _gate = new();
    private volatile PathString[] _prefixes = [];

    public void Add(PathString prefix)
    {
        lock (_gate)
        {
            _prefixes = [.. _prefixes, prefix];
        }
    }

    public bool Matches(PathString path)
    {
        foreach (var prefix in _prefixes)
        {
            if (!prefix.HasValue || prefix == "/" || path.StartsWithSegments(prefix)) return true;
        }
        return false;
    }
}
