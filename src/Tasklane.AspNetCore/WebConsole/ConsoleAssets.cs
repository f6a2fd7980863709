using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Tasklane.AspNetCore.WebConsole;

/// <summary>The console's script and stylesheet, embedded in the library and served under <c>/_tasklane/</c>.</summary>
internal static class ConsoleAssets
{
    private static readonly Lazy<IReadOnlyDictionary<string, Asset>> Assets = new(Load);

    /// <summary>A short content hash per asset, appended to links so a new version is fetched at once.</summary>
    public static string Version(string name) => Assets.Value.TryGetValue(name, out var a) ? a.ETag.Trim('"')[..8] : "0";

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/_tasklane/{name}", (HttpContext context, string name) => Serve(context, name)).AllowAnonymous().ExcludeFromDescription();

    private static IResult Serve(HttpContext context, string name)
    {
        if (!Assets.Value.TryGetValue(name, out var asset)) return Problems.NotFound("asset");
        ConsolePageResult.SecurityHeaders(context.Response);
        context.Response.Headers.ETag = asset.ETag;
        context.Response.Headers.CacheControl = context.Request.Query.ContainsKey("v") ? "public, max-age=31536000, immutable" : "public, max-age=300";
        if (context.Request.Headers.IfNoneMatch.ToString() == asset.ETag) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Bytes(asset.Content, asset.ContentType);
    }

    private static IReadOnlyDictionary<string, Asset> Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var (name, type) in new[] { ("tasklane.js", "text/javascript; charset=utf-8"), ("tasklane-bulk.js", "text/javascript; charset=utf-8"), ("tasklane.css", "text/css; charset=utf-8") })
        {
            using var stream = assembly.GetManifestResourceStream("Tasklane.AspNetCore.WebConsole.Assets." + name)
                ?? throw new InvalidOperationException($"The console asset {name} is not embedded.");
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            var bytes = memory.ToArray();
            assets[name] = new Asset(bytes, type, "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"");
        }
        return assets;
    }

    private sealed record Asset(byte[] Content, string ContentType, string ETag);
}
