using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Tasklane.AspNetCore;

/// <summary>
/// Tasklane's key ring in the database (<see cref="IFileStore"/>), so that every node sharing it reads the secrets
/// another node saved. The first time the database holds no element, the key files of <paramref name="earlierFolder"/>
/// (where the node kept its key ring before) are copied in, so secrets saved before keep reading.
/// </summary>
internal sealed class DatabaseXmlRepository(IFileStore files, TimeProvider time, string earlierFolder) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var elements = files.ListKeyRingElementsAsync(CancellationToken.None).GetAwaiter().GetResult();
        if (elements.Count == 0 && ImportEarlier() > 0) elements = files.ListKeyRingElementsAsync(CancellationToken.None).GetAwaiter().GetResult();
        return [.. elements.Select(xml => XElement.Parse(xml))];
    }

    public void StoreElement(XElement element, string friendlyName) =>
        files.AddKeyRingElementAsync(friendlyName, element.ToString(SaveOptions.DisableFormatting), time.GetUtcNow(), CancellationToken.None)
            .GetAwaiter().GetResult();

    /// <summary>Copies the key files of the earlier folder in; how many there were.</summary>
    private int ImportEarlier()
    {
        if (!Directory.Exists(earlierFolder)) return 0;
        var paths = Directory.GetFiles(earlierFolder, "*.xml");
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            var element = XElement.Load(path);
            StoreElement(element, Path.GetFileNameWithoutExtension(path));
        }
        return paths.Length;
    }
}
