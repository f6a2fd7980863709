using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Tasklane.AspNetCore.WebConsole.Pages;

/// <summary>What the schedules page shows.</summary>
/// <param name="Schedules">Every worker's schedule with its described spec.</param>
public sealed record SchedulesModel(IReadOnlyList<ScheduleView> Schedules)
{
    internal static async Task<SchedulesModel> LoadAsync(HttpContext http) =>
        new(await http.RequestServices.GetRequiredService<ScheduleService>().ListAsync(http.RequestAborted));
}
