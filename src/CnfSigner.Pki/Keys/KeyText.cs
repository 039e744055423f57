using System.Globalization;
using System.Text;
using CnfSigner.Pki.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace CnfSigner.Pki.Keys;

/// <summary>
/// EVP_PKEY_print_private() / EVP_PKEY_print_public() at indent 0, as pkey/rsa/ec/genpkey -text print them:
/// crypto/rsa/rsa_ameth.c pkey_rsa_print(), crypto/ec/ec_ameth.c do_EC_KEY_print(), crypto/ec/ecx_meth.c ecx_key_print().
/// </summary>
public static class KeyText
{
    private static readonly Dictionary<string, string> Edwards = new()
    {
        ["1.3.101.110"] = "X25519", ["1.3.101.111"] = "X448", ["1.3.101.112"] = "ED25519", ["1.3.101.113"] = "ED448",
    };

    public static string Private(PrivateKey key)
    {
        var text = new StringBuilder();
        switch (key.Private)
        {
            case RsaPrivateCrtKeyParameters rsa:
                text.Append("Private-Key: (").Append(rsa.Modulus.BitLength).Append(" bit, 2 primes)\n");
                Number(text, "modulus:", rsa.Modulus);
                Number(text, "publicExponent:", rsa.PublicExponent);
                Number(text, "privateExponent:", rsa.Exponent);
                Number(text, "prime1:", rsa.P);
                Number(text, "prime2:", rsa.Q);
                Number(text, "exponent1:", rsa.DP);
                Number(text, "exponent2:", rsa.DQ);
                Number(text, "coefficient:", rsa.QInv);
                PssRestrictions(text, key.Info.PrivateKeyAlgorithm);
                break;
            case ECPrivateKeyParameters ec:
                var orderBytes = (ec.Parameters.N.BitLength + 7) / 8;
                text.Append("Private-Key: (").Append(ec.Parameters.N.BitLength).Append(" bit)\n");
                text.Append("priv:\n");
                HexPrinter.Block(text, ec.D.ToByteArrayUnsigned().PadLeft(orderBytes), 4);
                var point = key.PublicInfo.PublicKey.GetOctets();
                var stored = Org.BouncyCastle.Asn1.Sec.ECPrivateKeyStructure.GetInstance(key.Info.ParsePrivateKey()).PublicKey;
                if (stored != null) { text.Append("pub:\n"); HexPrinter.Block(text, point, 4); }
                CurveText(text, key.Info.PrivateKeyAlgorithm.Parameters);
                break;
            default:
                var label = Edwards[key.Info.PrivateKeyAlgorithm.Algorithm.Id];
                text.Append(label).Append(" Private-Key:\npriv:\n");
                HexPrinter.Block(text, Asn1OctetString.GetInstance(key.Info.ParsePrivateKey()).GetOctets(), 4);
                text.Append("pub:\n");
                HexPrinter.Block(text, key.PublicInfo.PublicKey.GetOctets(), 4);
                break;
        }
        return text.ToString();
    }

    public static string Public(SubjectPublicKeyInfo spki)
    {
        var text = new StringBuilder();
        var oid = spki.Algorithm.Algorithm;
        if (oid.Equals(PkcsObjectIdentifiers.RsaEncryption) || oid.Equals(PkcsObjectIdentifiers.IdRsassaPss))
        {
            var rsa = (RsaKeyParameters)PublicKeyFactory.CreateKey(spki);
            text.Append("Public-Key: (").Append(rsa.Modulus.BitLength).Append(" bit)\n");
            Number(text, "Modulus:", rsa.Modulus);
            Number(text, "Exponent:", rsa.Exponent);
            PssRestrictions(text, spki.Algorithm);
        }
        else if (oid.Equals(X9ObjectIdentifiers.IdECPublicKey))
        {
            var domain = KeyEncoding.Domain(spki.Algorithm.Parameters);
            text.Append("Public-Key: (").Append(domain.N.BitLength).Append(" bit)\n");
            text.Append("pub:\n");
            HexPrinter.Block(text, spki.PublicKey.GetOctets(), 4);
            CurveText(text, spki.Algorithm.Parameters);
        }
        else
        {
            text.Append(Edwards[oid.Id]).Append(" Public-Key:\npub:\n");
            HexPrinter.Block(text, spki.PublicKey.GetOctets(), 4);
        }
        return text.ToString();
    }

    /// <summary>ecparam -text: crypto/ec/eck_prn.c ECPKParameters_print() for a named curve.</summary>
    public static string EcParameters(Asn1Encodable parameters)
    {
        var text = new StringBuilder();
        var domain = KeyEncoding.Domain(parameters);
        text.Append("EC-Parameters: (").Append(domain.N.BitLength).Append(" bit)\n");
        CurveText(text, parameters);
        return text.ToString();
    }

    private static void CurveText(StringBuilder text, Asn1Encodable? parameters)
    {
        var x962 = X962Parameters.GetInstance(parameters);
        if (!x962.IsNamedCurve) { ExplicitCurveText(text, X9ECParameters.GetInstance(x962.Parameters)); return; }
        var curve = Curves.FindByOid(((DerObjectIdentifier)x962.Parameters).Id);
        text.Append("ASN1 OID: ").Append(curve?.Name ?? ((DerObjectIdentifier)x962.Parameters).Id).Append('\n');
        if (curve?.Nist is { } nist) text.Append("NIST CURVE: ").Append(nist).Append('\n');
    }

    /// <summary>crypto/ec/eck_prn.c ECPKParameters_print() for explicit parameters (the labels keep their padding).</summary>
    private static void ExplicitCurveText(StringBuilder text, X9ECParameters x9)
    {
        if (x9.Curve is Org.BouncyCastle.Math.EC.F2mCurve f2m)
        {
            text.Append("Field Type: characteristic-two-field\n");
            text.Append("Basis Type: ").Append(f2m.K2 == 0 ? "tpBasis" : "ppBasis").Append('\n');
            var polynomial = BigInteger.One.ShiftLeft(f2m.M).SetBit(f2m.K1).SetBit(0);
            if (f2m.K2 != 0) polynomial = polynomial.SetBit(f2m.K2).SetBit(f2m.K3);
            Number(text, "Polynomial:", polynomial);
        }
        else
        {
            text.Append("Field Type: prime-field\n");
            Number(text, "Prime:", x9.Curve.Field.Characteristic);
        }
        Number(text, "A:   ", x9.Curve.A.ToBigInteger());
        Number(text, "B:   ", x9.Curve.B.ToBigInteger());
        var generator = x9.BaseEntry.GetPointEncoding();
        text.Append("Generator (").Append(generator[0] switch { 2 or 3 => "compressed", 4 => "uncompressed", _ => "hybrid" }).Append("):\n");
        HexPrinter.Block(text, generator, 4);
        Number(text, "Order: ", x9.N);
        Number(text, "Cofactor: ", x9.H);
        if (x9.GetSeed() is { Length: > 0 } seed) { text.Append("Seed:\n"); HexPrinter.Block(text, seed, 4); }
    }

    // crypto/rsa/rsa_ameth.c rsa_pss_param_print(): keys with restrictions are refused when read (see KeyReader).
    private static void PssRestrictions(StringBuilder text, AlgorithmIdentifier algorithm)
    {
        if (!algorithm.Algorithm.Equals(PkcsObjectIdentifiers.IdRsassaPss)) return;
        if (algorithm.Parameters == null || algorithm.Parameters is DerNull) text.Append("No PSS parameter restrictions\n");
        else throw new CnfSignerException("cnfsigner cannot print RSA-PSS parameter restrictions");
    }

    /// <summary>crypto/asn1/t_pkey.c ASN1_bn_print(): one line for a value of 8 bytes or less, else a hex block.</summary>
    private static void Number(StringBuilder text, string label, BigInteger value)
    {
        if (value.SignValue == 0) { text.Append(label).Append(" 0\n"); return; }
        if (value.BitLength <= 64)
        {
            text.Append(label).Append(' ').Append(value.ToString()).Append(" (0x")
                .Append(value.ToString(16)).Append(")\n");
            return;
        }
        text.Append(label).Append('\n');
        var bytes = value.ToByteArrayUnsigned();
        if ((bytes[0] & 0x80) != 0) bytes = [0, .. bytes]; // the sign byte ASN1_bn_print keeps
        HexPrinter.Block(text, bytes, 4);
    }

    /// <summary>rsa -modulus: "Modulus=" and BN_print()'s upper-case hex.</summary>
    public static string Modulus(RsaKeyParameters rsa) =>
        "Modulus=" + rsa.Modulus.ToString(16).ToUpper(CultureInfo.InvariantCulture) + "\n";

    private static byte[] PadLeft(this byte[] bytes, int length) =>
        bytes.Length >= length ? bytes : [.. new byte[length - bytes.Length], .. bytes];
}
