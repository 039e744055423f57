using System.Text;
using CnfSigner.Pki.Ca;

namespace CnfSigner.Pki.Tests.Ca;

/// <summary>The compact row store behind index.txt: same rows, same files, look-ups in place.</summary>
public class IndexRowsTests
{
    private const string Row1 = "V\t271125125300Z\t\t01\tunknown\t/O=X\n";
    private const string Row2 = "R\t271125125300Z\t261125125300Z,keyCompromise\t02\tunknown\t/O=Y\n";
    private const string Row3 = "V\t271125125300Z\t\t03\tnamed.pem\t/O=Y\n";
    private static readonly IndexEntry New = new(IndexEntry.Valid, "281125125300Z", "", "04", "unknown", "/O=Z");
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = TestData.NewTempDirectory();

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static byte[] B(string s) => Encoding.Latin1.GetBytes(s);

    [TestCase(Row1 + Row2 + Row3, true)]
    [TestCase("", true)]
    [TestCase("# note\n" + Row1, false)]
    [TestCase("V\t271125125300Z\t\t01\tunknown\t/O=X\t\n", false)]
    [TestCase("V\t271125125300Z\t\t01\tunknown\t/O=X", false)]
    public void Canonical_means_formatting_the_rows_gives_the_file_back(string content, bool canonical)
    {
        var rows = IndexFile.Parse(B(content), "index.txt");
        rows.Canonical.ShouldBe(canonical);
        if (canonical) IndexFile.Format(rows).ShouldBe(B(content));
    }

    [Test]
    public void Rows_read_back_field_by_field()
    {
        var rows = IndexFile.Parse(B(Row1 + Row2 + Row3), "index.txt");
        rows.Count.ShouldBe(3);
        rows[1].ShouldBe(new IndexEntry("R", "271125125300Z", "261125125300Z,keyCompromise", "02", "unknown", "/O=Y"));
        rows[2].FileName.ShouldBe("named.pem");
        Should.Throw<ArgumentOutOfRangeException>(() => rows[3]);
    }

    [Test]
    public void Look_ups_find_the_first_matching_row()
    {
        var rows = IndexFile.Parse(B(Row1 + Row2 + Row3), "index.txt");
        rows.IndexOfSerial("03").ShouldBe(2);
        rows.IndexOfSerial("0003").ShouldBe(2); // index_serial_cmp(): leading zeros do not count
        rows.IndexOfSerial("05").ShouldBe(-1);
        rows.IndexOfValidSubject("/O=Y").ShouldBe(2); // row 2 has it too, but revoked
        rows.IndexOfValidSubject("/O=Q").ShouldBe(-1);
        var known = new KnownRows(rows, [New]);
        known.WithSerial("04").ShouldBe(New);
        known.WithSerial("02")!.Status.ShouldBe("R");
        known.ValidWithSubject("/O=Z").ShouldBe(New);
    }

    [TestCase("V\t271125125300Z\t\t1\tunknown\t/O=X\n", "entry 1: bad serial number length (1)")]
    [TestCase("V\t271125125300Z\t\t-0G\tunknown\t/O=X\n", "entry 1: bad char 0107 'G' in serial number")]
    [TestCase("V\tgarbage\t\t01\tunknown\t/O=X\n", "entry 1: invalid expiry date")]
    public void Checks_on_entries_and_on_bytes_say_the_same(string content, string message)
    {
        var rows = IndexFile.Parse(B(Row1 + content), "index.txt");
        Should.Throw<CnfSignerException>(() => IndexFile.Check(rows)).Message.ShouldBe(message.Replace("entry 1", "entry 2"));
        Should.Throw<CnfSignerException>(() => IndexFile.Check(rows.ToList())).Message.ShouldBe(message.Replace("entry 1", "entry 2"));
    }

    [TestCase(Row1 + Row2 + Row3)]
    [TestCase("")]
    [TestCase("# note\n" + Row1 + "V\t271125125300Z\t\t05\tunknown\t/O=W\t\nV\t271125125300Z\t\t03\tnamed.pem\t/O=Y")]
    public void Appending_rows_writes_what_rewriting_every_row_writes(string content)
    {
        var appended = Commit(content, "a", db => db.CommitAdded([New], false, null, null));
        var rewritten = Commit(content, "b", db => db.Commit(db.Entries.Append(New).ToList(), false, null, null));
        appended.Index.ShouldBe(rewritten.Index);
        appended.Old.ShouldBe(B(content));
        rewritten.Old.ShouldBe(B(content));
        IndexFile.Parse(appended.Index, "index.txt").Last().ShouldBe(New);
    }

    [TestCase(Row1 + Row2 + Row3, false, null)]
    [TestCase(Row1 + Row2 + Row3, true, null)] // /O=Y twice, but one of them revoked
    [TestCase(Row1 + "V\t271125125300Z\t\t0001\tunknown\t/O=W\n", false, "Error creating serial number index:(2,0,1)")]
    [TestCase(Row1 + Row2 + Row3 + "V\t271125125300Z\t\t04\tunknown\t/O=Y\n", true, "Error creating name index:(2,2,3)")]
    [TestCase(Row1 + Row2 + Row3 + "V\t271125125300Z\t\t04\tunknown\t/O=Y\n", false, null)]
    [TestCase("V\t271125125300Z\t\t00\tunknown\t/O=X\nV\t271125125300Z\t\t0000\tunknown\t/O=Z\n", false, "Error creating serial number index:(2,0,1)")]
    public void Clashes_are_found_on_the_bytes_as_on_the_entries(string content, bool uniqueSubject, string? message)
    {
        foreach (var rewritten in new[] { false, true })
        {
            var path = Path.Combine(_dir, $"clash{rewritten}.txt");
            File.WriteAllBytes(path, B(content));
            using var db = CaDatabase.Open(path, forUpdate: true);
            // After Commit the rows are parsed again from the written bytes; before, Entries is the parsed file.
            if (rewritten) db.Commit(db.Entries.ToList(), false, null, null);
            if (message == null) db.CheckIndexes(uniqueSubject);
            else Should.Throw<CnfSignerException>(() => db.CheckIndexes(uniqueSubject)).Message.ShouldBe(message);
        }
    }

    [Test]
    public void A_clash_among_many_rows_is_the_first_pair_in_file_order()
    {
        var rows = Enumerable.Range(1, 20_000).Select(i => $"V\t271125125300Z\t\t{i:X6}\tunknown\t/O=Cockroach/CN=user{i}\n").ToList();
        rows[15_000] = rows[15_000].Replace("CN=user15001", "CN=user777"); // the subject of row 776
        rows[17_000] = rows[17_000].Replace("\t004269\t", "\t00004268\t"); // the serial of row 16,999
        rows[18_000] = rows[18_000].Replace("\t004651\t", "\t004650\t"); // a later clash, not the first
        var parsed = IndexFile.Parse(B(string.Concat(rows)), "index.txt");
        parsed.FindClash(bySubject: true).ShouldBe((776, 15_000));
        parsed.FindClash(bySubject: false).ShouldBe((16_999, 17_000));
    }

    private (byte[] Index, byte[] Old) Commit(string content, string name, Action<CaDatabase> commit)
    {
        var path = Path.Combine(_dir, name + ".txt");
        File.WriteAllBytes(path, B(content));
        using (var db = CaDatabase.Open(path, forUpdate: true)) commit(db);
        return (File.ReadAllBytes(path), File.ReadAllBytes(path + ".old"));
    }
}
