using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Tasklane.AspNetCore.WebConsole.Pages;

/// <summary>What a worker's settings page shows.</summary>
/// <param name="Info">The worker with the nodes that run it.</param>
/// <param name="Settings">Its stored settings (secrets masked), or null.</param>
/// <param name="SettingsType">The settings type the worker declares, or null.</param>
/// <param name="Schedule">Its schedule, or null.</param>
public sealed record WorkerModel(WorkerInfo Info, System.Text.Json.Nodes.JsonObject? Settings, Type? SettingsType, ScheduleView? Schedule)
{
    /// <summary>Reads the worker of the address; null when there is none.</summary>
    internal static async Task<WorkerModel?> LoadAsync(HttpContext http)
    {
        var identifier = http.Request.RouteValues["identifier"]?.ToString() ?? "";
        var catalog = http.RequestServices.GetRequiredService<WorkerCatalog>();
        var info = (await catalog.ListAsync(http.RequestAborted)).FirstOrDefault(w => w.Worker.Identifier == identifier);
        if (info is null) return null;
        var settings = await catalog.GetSettingsAsync(identifier, http.RequestAborted);
        var schedule = await http.RequestServices.GetRequiredService<ScheduleService>().GetAsync(identifier, http.RequestAborted);
        var settingsType = http.RequestServices.GetRequiredService<WorkerRegistry>().Find(identifier)?.SettingsType;
        return new WorkerModel(info, settings, settingsType, schedule);
    }
}
