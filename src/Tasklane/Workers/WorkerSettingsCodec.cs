using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tasklane;

/// <summary>
/// Turns a worker's settings between their three forms: as stored (secrets encrypted, prefixed
/// <c>enc:</c>), as shown (secrets as <c>"********"</c>) and as read by handlers (typed, in clear).
/// </summary>
internal sealed class WorkerSettingsCodec(IEnumerable<ISecretProtector> protectors)
{
    public const string Mask = "********";
    private const string Prefix = "enc:";

    /// <summary>
    /// The settings as shown: every member of the settings type by its JSON name, the stored value or else the
    /// type's default, with every secret that is set masked and an unset one <c>null</c>; <c>{}</c> for a worker
    /// without a settings type.
    /// </summary>
    public JsonObject Masked(WorkerDescriptor worker, string? stored)
    {
        var settings = Defaults(worker.SettingsType);
        foreach (var (name, value) in Parse(stored)) settings[name] = value?.DeepClone();
        foreach (var name in SecretNames(worker))
        {
            settings[name] = settings[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? Mask : null;
        }
        return settings;
    }

    /// <summary>
    /// Validates incoming settings against the worker's settings type and returns the JSON to store.
    /// A secret sent back as the mask keeps its stored value.
    /// </summary>
    /// <exception cref="JsonDataException">The settings do not fit; names the field.</exception>
    public string Merge(WorkerDescriptor worker, JsonObject incoming, string? stored)
    {
        if (worker.SettingsType is null)
        {
            if (incoming.Count > 0) throw new JsonDataException("settings", $"worker '{worker.Identifier}' has no settings");
            return "{}";
        }
        var previous = Parse(stored);
        var clear = (JsonObject)incoming.DeepClone();
        var toStore = (JsonObject)incoming.DeepClone();
        foreach (var name in SecretNames(worker))
        {
            if (incoming[name] is JsonValue v && v.TryGetValue<string>(out var text) && text == Mask)
            {
                var kept = previous[name]?.GetValue<string>();
                clear[name] = kept is null ? null : Reveal(kept);
                toStore[name] = kept;
            }
            else if (incoming[name] is JsonValue secret && secret.TryGetValue<string>(out var plain) && plain.Length > 0)
            {
                toStore[name] = Prefix + Protector().Protect(plain);
            }
        }
        JsonData.Read(clear.ToJsonString(), worker.SettingsType, "settings");
        return toStore.ToJsonString();
    }

    /// <summary>
    /// Incoming settings as they may be recorded (the audit log): the members sent, every secret that is set replaced
    /// by the mask.
    /// </summary>
    public static JsonObject MaskIncoming(WorkerDescriptor worker, JsonObject incoming)
    {
        var masked = (JsonObject)incoming.DeepClone();
        foreach (var name in SecretNames(worker))
        {
            if (masked[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0) masked[name] = Mask;
        }
        return masked;
    }

    /// <summary>The settings in clear, typed; the type's defaults when none were saved.</summary>
    public T Read<T>(WorkerDescriptor worker, string? stored)
    {
        var settings = Parse(stored);
        foreach (var name in SecretNames(worker))
        {
            if (settings[name] is JsonValue v && v.TryGetValue<string>(out var text)) settings[name] = Reveal(text);
        }
        return (T)JsonData.Read(settings.ToJsonString(), typeof(T), "settings");
    }

    private string Reveal(string stored) =>
        stored.StartsWith(Prefix, StringComparison.Ordinal) ? Protector().Unprotect(stored[Prefix.Length..]) : stored;

    private ISecretProtector Protector() => protectors.LastOrDefault()
        ?? throw new InvalidOperationException("Worker settings have secrets but no ISecretProtector is registered: call AddTasklaneHttp() or register one.");

    /// <summary>The settings type's members with their default values (null where the type has no default).</summary>
    private static JsonObject Defaults(Type? settingsType)
    {
        if (settingsType is null) return [];
        object? instance;
        try
        {
            instance = JsonSerializer.Deserialize("{}", settingsType, TasklaneJson.Options);
        }
        catch (JsonException)
        {
            instance = null; // a required member: it has no default
        }
        var defaults = new JsonObject();
        foreach (var property in TasklaneJson.Options.GetTypeInfo(settingsType).Properties.Where(p => p.Get is not null))
        {
            defaults[property.Name] = instance is null ? null : JsonSerializer.SerializeToNode(property.Get!(instance), property.PropertyType, TasklaneJson.Options);
        }
        return defaults;
    }

    private static JsonObject Parse(string? stored) =>
        string.IsNullOrWhiteSpace(stored) ? [] : JsonNode.Parse(stored) as JsonObject ?? [];

    private static IEnumerable<string> SecretNames(WorkerDescriptor worker) =>
        worker.SettingsType?.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<SecretAttribute>() is not null)
            .Select(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name)) ?? [];
}
