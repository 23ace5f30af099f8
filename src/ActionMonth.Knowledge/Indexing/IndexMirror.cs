using Lucene.Net.Store;

namespace ActionMonth.Knowledge.Indexing;

/// <summary>
/// Keeps an in-memory copy of an on-disk index up to date. Lucene writes each file once under a new name, except
/// segments.gen, so a sync copies the files the copy lacks (and segments.gen every time) and deletes the ones the
/// disk no longer has. A reader open on the copy keeps the files it holds even after they are deleted here.
/// </summary>
public static class IndexMirror
{
    private const string GenerationFile = "segments.gen";

    public static void Sync(Lucene.Net.Store.Directory disk, RAMDirectory memory)
    {
        var onDisk = disk.ListAll().Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        var inMemory = memory.ListAll().ToHashSet(StringComparer.Ordinal);
        // segments_N last: a reader that opens in between must never see a commit whose files are not there yet.
        foreach (var file in onDisk.OrderBy(f => f.StartsWith("segments", StringComparison.Ordinal) ? 1 : 0))
        {
            if (inMemory.Contains(file) && file != GenerationFile) continue;
            if (inMemory.Contains(file)) memory.DeleteFile(file);
            disk.Copy(memory, file, file, IOContext.READ_ONCE);
        }
        foreach (var file in inMemory.Where(f => !onDisk.Contains(f))) memory.DeleteFile(file);
    }
}
