using CnfSigner.Pki.Names;

namespace CnfSigner.Pki.Text;

/// <summary>What crypto/x509/v3_purp.c x509v3_cache_extensions() derives from a certificate's extensions.</summary>
internal sealed record CertificateFlags(
    bool Invalid, bool Version1, bool BasicConstraints, bool IsCa, int? KeyUsage, int? ExtendedKeyUsage,
    bool ExtendedKeyUsageCritical, int? NetscapeCertType, bool SelfSigned)
{
    private static readonly Dictionary<string, int> ExtendedKeyUsageBits = new()
    {
        ["1.3.6.1.5.5.7.3.1"] = 0x1, ["1.3.6.1.5.5.7.3.2"] = 0x2, ["1.3.6.1.5.5.7.3.4"] = 0x4,
        ["1.3.6.1.5.5.7.3.3"] = 0x8, ["1.3.6.1.4.1.311.10.3.3"] = 0x10, ["2.16.840.1.113730.4.1"] = 0x10,
        ["1.3.6.1.5.5.7.3.9"] = 0x20, ["1.3.6.1.5.5.7.3.8"] = 0x40, ["1.3.6.1.5.5.7.3.10"] = 0x80,
        ["2.5.29.37.0"] = 0x100,
    };

    // The public key algorithm each signature algorithm needs (check_sig_alg_match()).
    private static readonly Dictionary<string, string> SignatureKeys = new()
    {
        ["1.2.840.113549.1.1.4"] = Rsa, ["1.2.840.113549.1.1.5"] = Rsa, ["1.2.840.113549.1.1.11"] = Rsa,
        ["1.2.840.113549.1.1.12"] = Rsa, ["1.2.840.113549.1.1.13"] = Rsa, ["1.2.840.113549.1.1.14"] = Rsa,
        ["1.2.840.113549.1.1.10"] = "1.2.840.113549.1.1.10",
        ["1.2.840.10045.4.1"] = Ec, ["1.2.840.10045.4.3.1"] = Ec, ["1.2.840.10045.4.3.2"] = Ec,
        ["1.2.840.10045.4.3.3"] = Ec, ["1.2.840.10045.4.3.4"] = Ec,
        ["1.3.101.112"] = "1.3.101.112", ["1.3.101.113"] = "1.3.101.113",
    };

    private const string Rsa = "1.2.840.113549.1.1.1", Ec = "1.2.840.10045.2.1";

    public static CertificateFlags Read(ReadOnlyMemory<byte> certificate)
    {
        var fields = CertificateFields.Parse(certificate);
        var tbs = Der.Parse(certificate).Children()[0].Children();
        var version1 = !tbs[0].IsContext(0) || Der.Parse(tbs[0].Content).Integer() == 0;
        var extensions = fields.Extensions();
        Der? Find(string oid) => extensions.FirstOrDefault(e => e.Oid == oid) is { Oid: not null } e ? Der.Parse(e.Value) : null;
        try
        {
            var bc = Find("2.5.29.19");
            var isCa = bc is { } b && b.Children().FirstOrDefault().Is(1) && b.Children()[0].Bytes[0] != 0;
            var negativePath = bc is { } b2 && b2.Children().Any(p => p.Is(2) && p.Integer() < 0);
            int? ku = Find("2.5.29.15") is { } k ? BitValue(k.Bytes, 2) : null;
            int? xku = Find("2.5.29.37") is { } x ? x.Children().Aggregate(0, (a, o) => a | ExtendedKeyUsageBits.GetValueOrDefault(o.Oid())) : null;
            int? ns = Find("2.16.840.1.113730.1.1") is { } n ? BitValue(n.Bytes, 1) : null;
            var xkuCritical = extensions.FirstOrDefault(e => e.Oid == "2.5.29.37").Critical;
            return new(ku == 0 || negativePath || InvalidExtension(extensions), version1, bc != null, isCa, ku, xku, xkuCritical, ns, IsSelfSigned(fields, tbs, Find));
        }
        catch (Exception e) when (e is FormatException or IndexOutOfRangeException or ArgumentException)
        {
            return new(true, version1, false, false, null, null, false, null, false);
        }
    }

    /// <summary>
    /// v3_purp.c ossl_x509v3_cache_extensions(): EXFLAG_INVALID when one of the extensions it reads
    /// (X509_get_ext_d2i) appears twice or does not decode.
    /// </summary>
    private static bool InvalidExtension(List<ExtensionPrinter.Extension> extensions) =>
        CachedExtensions.Any(oid => extensions.Count(e => e.Oid == oid) is var n && (n > 1
            || n == 1 && !ExtensionPrinter.Decodes(extensions.First(e => e.Oid == oid))));

    /// <summary>basicConstraints, keyUsage, extendedKeyUsage, nsCertType, SKID, AKID, subjectAltName, nameConstraints, CRL DPs.</summary>
    private static readonly string[] CachedExtensions =
        ["2.5.29.19", "2.5.29.15", "2.5.29.37", "2.16.840.1.113730.1.1", "2.5.29.14", "2.5.29.35", "2.5.29.17", "2.5.29.30", "2.5.29.31"];

    /// <summary>The first one or two bytes of a BIT STRING's data, low byte first (ex_kusage).</summary>
    private static int BitValue(ReadOnlySpan<byte> bitString, int bytes)
    {
        var value = bitString.Length > 1 ? bitString[1] : 0;
        if (bytes > 1 && bitString.Length > 2) value |= bitString[2] << 8;
        return value;
    }

    /// <summary>EXFLAG_SS: subject equals issuer, the AKID (if any) matches, and the key fits the signature algorithm.</summary>
    private static bool IsSelfSigned(CertificateFields fields, List<Der> tbs, Func<string, Der?> find)
    {
        var subject = CanonicalName.Encode(Der.Parse(fields.Subject));
        var issuer = CanonicalName.Encode(Der.Parse(fields.Issuer));
        if (!subject.AsSpan().SequenceEqual(issuer)) return false;
        if (find("2.5.29.35") is { } akid)
        {
            var skid = find("2.5.29.14");
            foreach (var part in akid.Children())
            {
                if (part.IsContext(0) && skid is { } s && !part.Bytes.SequenceEqual(s.Bytes)) return false;
                if (part.IsContext(2) && IntegerPrinter.Magnitude(part.Bytes).Magnitude.AsSpan().SequenceEqual(IntegerPrinter.Magnitude(fields.SerialContent.Span).Magnitude) == false) return false;
                if (part.IsContext(1) && part.Children().FirstOrDefault(g => g.IsContext(4)) is { Encoded.IsEmpty: false } dir
                    && !CanonicalName.Encode(Der.Parse(dir.Content)).AsSpan().SequenceEqual(issuer)) return false;
            }
        }
        var signature = tbs[tbs[0].IsContext(0) ? 2 : 1].Children()[0].Oid();
        var key = Der.Parse(fields.SubjectPublicKeyInfo).Children()[0].Children()[0].Oid();
        return SignatureKeys.TryGetValue(signature, out var needed)
               && (needed == key || needed == "1.2.840.113549.1.1.10" && key == Rsa);
    }
}
