using System.Text.Json.Nodes;

namespace Tasklane.AspNetCore;

/// <summary>A worker's settings (secrets masked, free JSON) and its schedule (null when it has none).</summary>
internal sealed record WorkerSettingsDto(ScheduleDto? Schedule, JsonObject? Settings);
