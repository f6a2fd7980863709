namespace Tasklane;

/// <summary>Reads and changes the system settings; the engine follows changes at once on this node.</summary>
public interface ITaskSettingsProvider
{
    /// <summary>The current settings (cached; refreshed from the store periodically).</summary>
    Task<TaskSettings> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Validates and stores new settings.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; <see cref="ArgumentException.ParamName"/> names it.</exception>
    Task<TaskSettings> UpdateAsync(TaskSettings settings, CancellationToken cancellationToken = default);
}
