using ActionMonth.Knowledge.Indexing;
using ActionMonth.Knowledge.Tests.Support;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace ActionMonth.Knowledge.Tests.Indexing;

public sealed class IndexMirrorTests
{
    [Fact]
    public void The_memory_copy_follows_each_new_commit_and_drops_the_files_the_disk_dropped()
    {
        using var temp = new TempFolder();
        using var disk = FSDirectory.Open(temp.Path);
        using var memory = new RAMDirectory();

        Commit(disk, "first");
        IndexMirror.Sync(disk, memory);
        using (var reader = DirectoryReader.Open(memory)) Assert.Equal("first", reader.Document(0).Get("text"));
        var firstFiles = memory.ListAll();

        Commit(disk, "second");
        IndexMirror.Sync(disk, memory);
        Assert.Equal(disk.ListAll().Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)).Order(), memory.ListAll().Order());
        Assert.NotEqual(firstFiles.Order(), memory.ListAll().Order());
        using (var reader = DirectoryReader.Open(memory))
        {
            Assert.Equal(1, reader.NumDocs);
            Assert.Equal("second", reader.Document(0).Get("text"));
        }
    }

    private static void Commit(Lucene.Net.Store.Directory directory, string text)
    {
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, new WhitespaceAnalyzer(LuceneVersion.LUCENE_48)) { OpenMode = OpenMode.CREATE };
        using var writer = new IndexWriter(directory, config);
        writer.AddDocument([new StoredField("text", text)]);
        writer.Commit();
    }
}
