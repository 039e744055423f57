using System.Text;
using CnfSigner.Pki.Io;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;

namespace CnfSigner.Pki.Keys;

/// <summary>What a key command writes: the encoding, which half, and how a private key is protected.</summary>
public sealed record KeyOutputOptions
{
    public bool Der { get; init; }
    public bool PublicOnly { get; init; }
    /// <summary>rsa -RSAPublicKey_out: "RSA PUBLIC KEY" (PKCS#1) instead of SubjectPublicKeyInfo.</summary>
    public bool RsaPublicKey { get; init; }
    /// <summary>PKCS#1 / SEC1 instead of PKCS#8 (pkey -traditional; rsa and ec without -pkcs8 style).</summary>
    public bool Traditional { get; init; }
    public KeyCipher? Cipher { get; init; }
    /// <summary>PKCS#8 encryption beyond the cipher (pkcs8 -v2prf, -iter, -scrypt, -v1).</summary>
    public Pkcs8Protection? Protection { get; init; }
    public string? Passphrase { get; init; }
}

/// <summary>Key files in and out for pkey, rsa, ec, pkcs8 and genpkey: every format in one place.</summary>
public static class KeyFiles
{
    /// <summary>
    /// apps/lib/apps.c load_key() / load_pubkey(): "-" or null is standard input; -inform PEM or DER restricts the
    /// decoders tried, so a file in the other encoding is "not a key".
    /// </summary>
    public static KeyMaterial Load(byte[] data, string source, string? inform, string? passphrase, bool publicOnly, string what)
    {
        var isPem = PemBlock.LooksLikePem(data);
        if ((inform == "DER" && isPem) || (inform == "PEM" && !isPem))
            throw new CnfSignerException($"Could not read {what} from {source}" + (inform == "DER" ? "\nNo supported data to decode. Input type: DER" : ""));
        if (publicOnly)
        {
            var spki = KeyReader.ParsePublicKeyOnly(data, source, what);
            if (!KeyMaterial.IsKnownAlgorithm(spki.Algorithm.Algorithm))
                throw new CnfSignerException($"Could not read {what} from {source}\nunsupported key type");
            Check(() => KeyText.Public(spki), source, what);
            return KeyMaterial.OfPublic(spki);
        }
        var key = KeyReader.ParsePrivateKey(data, passphrase, source, what);
        return KeyMaterial.Of(key);
    }

    /// <summary>Reads a file (or standard input when <paramref name="path"/> is null or "-").</summary>
    public static byte[] Read(string? path, Func<byte[]> stdin, string what) =>
        path == null || path == "-" ? stdin() : SafeFile.ReadAllBytes(path, what);

    private static void Check(Func<string> parse, string source, string what)
    {
        try { parse(); }
        catch (Exception e) when (e is not CnfSignerException and not OutOfMemoryException)
        {
            throw new CnfSignerException($"Could not read {what} from {source}\nNo supported data to decode", 1, e);
        }
    }

    /// <summary>
    /// PEM_write_bio_PUBKEY / i2d_PUBKEY, PEM_write_bio_RSAPublicKey, PEM_write_bio_PrivateKey(_traditional),
    /// i2d_PKCS8PrivateKey_bio / i2d_PrivateKey: the bytes a key command writes.
    /// </summary>
    public static byte[] Encode(KeyMaterial key, KeyOutputOptions options)
    {
        if (options.PublicOnly || key.Private == null) return EncodePublic(key, options);
        var canonical = key.Private; // KeyMaterial holds OpenSSL's form already
        if (options.Traditional)
        {
            if (options.Der) return KeyWriter.TraditionalDer(canonical);
            if (options.Cipher == null) return Ascii(KeyWriter.TraditionalPem(canonical));
            return Ascii(KeyWriter.EncryptedTraditionalPem(canonical, options.Cipher, Passphrase(options)));
        }
        var protection = options.Protection ?? (options.Cipher != null ? new Pkcs8Protection(options.Cipher) : null);
        if (protection == null)
            return options.Der ? KeyWriter.Pkcs8Der(canonical) : Ascii(KeyWriter.Pkcs8Pem(canonical));
        var password = Encoding.UTF8.GetBytes(Passphrase(options));
        var encrypted = protection.V1SchemeOid is { } v1
            ? Pbes2.EncryptV1(canonical.Info, v1, password, protection.Iterations)
            : Pbes2.Encrypt(KeyWriter.Pkcs8Der(canonical), protection, password);
        var der = encrypted.GetEncoded(Asn1Encodable.Der);
        return options.Der ? der : Ascii(PemBlock.Of("ENCRYPTED PRIVATE KEY", der).Encode());
    }

    private static byte[] EncodePublic(KeyMaterial key, KeyOutputOptions options)
    {
        if (options.RsaPublicKey)
        {
            var pkcs1 = key.Public.PublicKey.GetOctets(); // RSAPublicKey is the BIT STRING's content
            return options.Der ? pkcs1 : Ascii(PemBlock.Of("RSA PUBLIC KEY", pkcs1).Encode());
        }
        return options.Der ? KeyWriter.PublicKeyDer(key.Public) : Ascii(KeyWriter.PublicKeyPem(key.Public));
    }

    /// <summary>pkcs8 without -topk8: the traditional form, or PKCS#8 for keys that have none (Ed25519, ...).</summary>
    public static bool HasTraditionalForm(KeyMaterial key) => key.Type is "RSA" or "EC";

    private static string Passphrase(KeyOutputOptions options) =>
        options.Passphrase ?? throw new CnfSignerException("unable to get passphrase: use -passout");

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    /// <summary>The EC PARAMETERS block genpkey -genparam and ecparam write, PEM or DER.</summary>
    public static byte[] EcParameters(byte[] der, bool asDer) =>
        asDer ? der : Ascii(PemBlock.Of("EC PARAMETERS", der).Encode());

    /// <summary>ecparam -in / genpkey -paramfile: "EC PARAMETERS" PEM or its DER; the curve's parameters.</summary>
    public static byte[] ReadEcParameters(byte[] data, string? inform)
    {
        var isPem = PemBlock.LooksLikePem(data);
        if ((inform == "DER" && isPem) || (inform == "PEM" && !isPem)) throw new CnfSignerException("unable to load EC parameters");
        var der = isPem
            ? PemBlock.ReadAll(data).FirstOrDefault(b => b.Label == "EC PARAMETERS")?.Contents
            : data;
        try
        {
            if (der == null) throw new FormatException();
            var parameters = Org.BouncyCastle.Asn1.X9.X962Parameters.GetInstance(Asn1Object.FromByteArray(der));
            KeyEncoding.Domain(parameters);
            return parameters.GetEncoded(Asn1Encodable.Der);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new CnfSignerException("unable to load EC parameters", 1, e);
        }
    }

    /// <summary>The KeySpec a parameter file stands for (genpkey -paramfile, req -newkey param:FILE / ec:FILE).</summary>
    public static KeySpec SpecFromEcParameters(byte[] parametersDer)
    {
        var x962 = Org.BouncyCastle.Asn1.X9.X962Parameters.GetInstance(Asn1Object.FromByteArray(parametersDer));
        if (!x962.IsNamedCurve) throw new CnfSignerException("explicit EC parameters are not supported by cnfsigner");
        var curve = Curves.FindByOid(((DerObjectIdentifier)x962.Parameters).Id)
                    ?? throw new CnfSignerException("invalid curve");
        return new KeySpec("EC") { Curve = curve, CurveName = curve.Name };
    }

    /// <summary>ecparam -text.</summary>
    public static string EcParametersText(byte[] parametersDer) => KeyText.EcParameters(Asn1Object.FromByteArray(parametersDer));

    /// <summary>
    /// pkcs8 without -topk8 (apps/pkcs8.c): a PKCS#8 structure only, "PRIVATE KEY" with -nocrypt, else
    /// "ENCRYPTED PRIVATE KEY" decrypted with the pass phrase. Failures are apps/pkcs8.c's one-line words.
    /// </summary>
    public static KeyMaterial LoadPkcs8(byte[] data, string? inform, bool nocrypt, string? passphrase)
    {
        var failure = nocrypt ? "Error decrypting key" : "Error reading key";
        byte[] der;
        try
        {
            var isPem = inform == "DER" ? false : PemBlock.LooksLikePem(data);
            der = isPem
                ? PemBlock.ReadAll(data).FirstOrDefault(b => b.Label == (nocrypt ? "PRIVATE KEY" : "ENCRYPTED PRIVATE KEY"))?.Contents
                  ?? throw new FormatException()
                : data;
            if (nocrypt) return KeyMaterial.Of(PrivateKey.FromInfo(PrivateKeyInfo.GetInstance(Asn1Object.FromByteArray(der))));
            var info = EncryptedPrivateKeyInfo.GetInstance(Asn1Object.FromByteArray(der));
            _ = info.EncryptionAlgorithm.Algorithm;
        }
        catch (Exception e) when (e is not CnfSignerException and not OutOfMemoryException)
        {
            throw new CnfSignerException(failure, 1, e);
        }
        if (passphrase == null) throw new CnfSignerException("Enter Password:\nCan't read Password");
        try
        {
            var info = EncryptedPrivateKeyInfo.GetInstance(Asn1Object.FromByteArray(der));
            return KeyMaterial.Of(PrivateKey.FromInfo(Pbes2.Decrypt(info, Encoding.UTF8.GetBytes(passphrase))));
        }
        catch (Exception e) when (e is not CnfSignerException and not OutOfMemoryException)
        {
            var reason = e is UnreadableKeyException ? "\n" + e.Message : "";
            throw new CnfSignerException("Error decrypting key" + reason, 1, e);
        }
    }
}
