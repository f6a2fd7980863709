using System.Text;

namespace Tasklane.Conformance;

/// <summary>
/// The files a store keeps for nodes without a shared disk (<see cref="IFileStore"/>): key ring elements, artifact
/// bytes and archived log chunks, each written through one handle and read through another, as two nodes would.
/// </summary>
public abstract class FileStoreConformanceTests : TaskStoreConformanceBase
{
    [Fact]
    public async Task KeyRing_ElementAddedOnOneHandle_ListedOnTheOtherOnceAndOldestFirst()
    {
        var store = (IFileStore)await CreateStoreAsync();
        var second = (IFileStore)OpenSecondHandle((ITaskStore)store);

        await store.AddKeyRingElementAsync("key-b", "<key id=\"b\" />", T0.AddMinutes(1), Ct);
        await store.AddKeyRingElementAsync("key-a", "<key id=\"a\" />", T0, Ct);
        await second.AddKeyRingElementAsync("key-a", "<key id=\"changed\" />", T0.AddMinutes(2), Ct); // a name already kept stays

        Assert.Equal(["<key id=\"a\" />", "<key id=\"b\" />"], await second.ListKeyRingElementsAsync(Ct));
    }

    [Fact]
    public async Task Artifact_SavedOnOneHandle_ReadOnTheOtherUntilDeleted()
    {
        var store = (IFileStore)await CreateStoreAsync();
        var second = (IFileStore)OpenSecondHandle((ITaskStore)store);
        var bytes = Enumerable.Range(0, 70_000).Select(i => (byte)(i % 251)).ToArray();

        await store.SaveArtifactAsync("7/0123456789abcdef0123456789abcdef-report.csv", 7, bytes, T0, Ct);

        Assert.Equal(bytes, await second.ReadArtifactAsync("7/0123456789abcdef0123456789abcdef-report.csv", Ct));
        Assert.Null(await second.ReadArtifactAsync("7/ffffffffffffffffffffffffffffffff-other.csv", Ct));
        Assert.Equal(1, await second.DeleteArtifactsAsync(["7/0123456789abcdef0123456789abcdef-report.csv", "8/unknown"], Ct));
        Assert.Null(await store.ReadArtifactAsync("7/0123456789abcdef0123456789abcdef-report.csv", Ct));
    }

    [Fact]
    public async Task LogArchive_ChunksInOrderAfterASequenceNumber_DeletedWithTheirLineCount()
    {
        var store = (IFileStore)await CreateStoreAsync();
        var second = (IFileStore)OpenSecondHandle((ITaskStore)store);
        await store.AddLogArchiveAsync(new LogArchiveChunk(5, 1, 10, 10, Encoding.UTF8.GetBytes("first")), Ct);
        await store.AddLogArchiveAsync(new LogArchiveChunk(5, 11, 14, 4, Encoding.UTF8.GetBytes("second")), Ct);
        await second.AddLogArchiveAsync(new LogArchiveChunk(5, 11, 14, 4, Encoding.UTF8.GetBytes("again")), Ct); // a retried move adds nothing
        await store.AddLogArchiveAsync(new LogArchiveChunk(6, 1, 3, 3, Encoding.UTF8.GetBytes("other task")), Ct);

        Assert.Equal(14, await second.LastArchivedLogSeqAsync(5, Ct));
        Assert.Equal(0, await second.LastArchivedLogSeqAsync(99, Ct));
        var all = await second.ReadLogArchivesAsync(5, 0, 10, Ct);
        Assert.Equal(["first", "second"], all.Select(c => Encoding.UTF8.GetString(c.Content)));
        Assert.Equal((11L, 14L, 4), (all[1].FirstSeq, all[1].LastSeq, all[1].Lines));
        Assert.Equal(["second"], (await second.ReadLogArchivesAsync(5, 10, 10, Ct)).Select(c => Encoding.UTF8.GetString(c.Content)));
        Assert.Single(await second.ReadLogArchivesAsync(5, 0, 1, Ct));

        Assert.Equal(14, await second.DeleteLogArchivesAsync([5, 100], Ct));
        Assert.Empty(await store.ReadLogArchivesAsync(5, 0, 10, Ct));
        Assert.Single(await store.ReadLogArchivesAsync(6, 0, 10, Ct));
    }
}
