using System.Text.RegularExpressions;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;

namespace CnfSigner.Cli.Tests.Req;

/// <summary>One row of testdata/req/corpus/cases.txt: a name and the req arguments.</summary>
public sealed record ReqCase(string Name, string[] Args)
{
    public bool MakesCertificate => Args.Contains("-x509") || Args.Contains("-CA");

    public override string ToString() => Name;
}

/// <summary>The corpus: configs, keys and the openssl outputs made from them by testdata/req/make.sh.</summary>
public static partial class ReqCorpus
{
    public static string Root => Path.Combine(TestContext.CurrentContext.TestDirectory, "testdata", "req");

    public static string CorpusDir => Path.Combine(Root, "corpus");

    public static string Expected(string file) => Path.Combine(Root, "expected", file);

    public static IEnumerable<ReqCase> Cases(string table = "cases.txt") =>
        File.ReadAllLines(Path.Combine(CorpusDir, table))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('|'))
            .Select(f => new ReqCase(f[0], f[1..]));

    /// <summary>A scratch copy of the corpus folder to run one command in.</summary>
    public static TempDir Copy()
    {
        var dir = new TempDir();
        foreach (var file in Directory.GetFiles(CorpusDir)) File.Copy(file, dir.File(Path.GetFileName(file)));
        return dir;
    }

    /// <summary>The clock at which openssl made a certificate (its notBefore), so ours can match it byte for byte.</summary>
    public static TimeProvider ClockOf(byte[] der, bool certificate) => certificate
        ? new FixedClock(X509CertificateStructure.GetInstance(der).StartDate.ToDateTime())
        : TimeProvider.System;

    /// <summary>The clock at which openssl printed a certificate's -text (its "Not Before" line).</summary>
    public static TimeProvider ClockOfText(string text)
    {
        var m = NotBefore().Match(text);
        if (!m.Success) return TimeProvider.System;
        var when = DateTime.ParseExact(Regex.Replace(m.Groups[1].Value, " +", " "), "MMM d HH:mm:ss yyyy",
            System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
        return new FixedClock(new DateTimeOffset(when, TimeSpan.Zero));
    }

    [GeneratedRegex(@"Not Before: (.*) GMT")]
    private static partial Regex NotBefore();

    [GeneratedRegex(@"(Not (Before|After) ?: ).*")]
    private static partial Regex Dates();

    public static string WithoutDates(string text) => Dates().Replace(text, "$1<date>");

    /// <summary>
    /// A certificate's or request's fields as (name, DER hex), so a mismatch names the field that differs.
    /// Extensions are listed one by one; validity is left out when <paramref name="withValidity"/> is false.
    /// </summary>
    public static List<string> Fields(byte[] der, bool certificate, bool withValidity = true)
    {
        var outer = Asn1Sequence.GetInstance(der);
        var fields = new List<string>();
        void Add(string name, Asn1Encodable? value) => fields.Add($"{name}: {(value == null ? "-" : Convert.ToHexString(value.GetDerEncoded()))}");
        if (certificate)
        {
            var tbs = TbsCertificateStructure.GetInstance(outer[0]);
            Add("version", DerInteger.ValueOf(tbs.Version));
            Add("serial", tbs.SerialNumber);
            Add("signature", tbs.Signature);
            Add("issuer", tbs.Issuer);
            if (withValidity) Add("validity", new DerSequence(tbs.StartDate, tbs.EndDate));
            Add("subject", tbs.Subject);
            Add("subjectPublicKeyInfo", tbs.SubjectPublicKeyInfo);
            foreach (var oid in tbs.Extensions?.GetExtensionOids() ?? [])
                Add("extension " + oid.Id, new DerSequence(tbs.Extensions!.GetExtension(oid).IsCritical ? DerBoolean.True : DerBoolean.False,
                    tbs.Extensions.GetExtension(oid).Value));
        }
        else
        {
            var info = CertificationRequestInfo.GetInstance(outer[0]);
            Add("version", info.Version);
            Add("subject", info.Subject);
            Add("subjectPublicKeyInfo", info.SubjectPublicKeyInfo);
            foreach (var attribute in info.Attributes) Add("attribute", attribute);
        }
        Add("signatureAlgorithm", outer[1]);
        if (withValidity) Add("signatureValue", outer[2]);
        return fields;
    }
}
