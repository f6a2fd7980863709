using System.Text.Json.Nodes;

namespace Tasklane.Storage;

/// <summary>The details of an audit entry the store completes itself (what only the transaction knows).</summary>
internal static class AuditDetails
{
    /// <summary>A JSON object of the given members.</summary>
    public static string Of(params (string Name, JsonNode? Value)[] members)
    {
        var json = new JsonObject();
        foreach (var (name, value) in members) json[name] = value;
        return json.ToJsonString();
    }
}
