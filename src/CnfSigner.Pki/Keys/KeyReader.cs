using System.Text;
using CnfSigner.Pki.Io;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;

namespace CnfSigner.Pki.Keys;

/// <summary>
/// Loads keys as OpenSSL 3's OSSL_STORE file loader does: PEM (text before the block allowed; the first block
/// holding a key wins) or DER; PKCS#8, encrypted PKCS#8, PKCS#1 "RSA PRIVATE KEY" (also with Proc-Type
/// encryption) and SEC1 "EC PRIVATE KEY". Errors are apps/lib/apps.c load_key_cert_crl()'s words.
/// </summary>
public static class KeyReader
{
    private static readonly string[] PrivateLabels = ["PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"];

    /// <summary>
    /// Reads a private key file; <paramref name="what"/> names it in messages ("CA private key"). With
    /// <paramref name="prompts"/>, an encrypted key and no <paramref name="passphrase"/> ask on the terminal
    /// ("Enter pass phrase for PATH:"), as OpenSSL does; without, such a key fails to load.
    /// </summary>
    public static PrivateKey LoadPrivateKey(string path, string? passphrase, string what = "private key",
        IPassphraseConsole? prompts = null) =>
        ParsePrivateKey(SafeFile.ReadAllBytes(path, what), passphrase, path, what, prompts);

    /// <summary>Reads a private key from bytes; <paramref name="source"/> is the file name for messages and prompts.</summary>
    public static PrivateKey ParsePrivateKey(byte[] data, string? passphrase, string source, string what = "private key",
        IPassphraseConsole? prompts = null)
    {
        if (passphrase == null && prompts != null && IsEncrypted(data))
            passphrase = PassphrasePrompt.ForEncryptedKey(source, what, prompts);
        return Translate(source, what, () => DecodePrivate(data, Password(passphrase)));
    }

    /// <summary>A public key file ("PUBLIC KEY", "RSA PUBLIC KEY") or the public half of a private key file.</summary>
    public static SubjectPublicKeyInfo LoadPublicKey(string path, string? passphrase, string what = "public key") =>
        ParsePublicKey(SafeFile.ReadAllBytes(path, what), passphrase, path, what);

    public static SubjectPublicKeyInfo ParsePublicKey(byte[] data, string? passphrase, string source, string what = "public key") =>
        Translate(source, what, () => DecodePublic(data, Password(passphrase)));

    /// <summary>
    /// A public key file only ("PUBLIC KEY", "RSA PUBLIC KEY", or their DER): OpenSSL 3.0's load_pubkey() as
    /// pkey/rsa/ec -pubin call it does not take the public half of a private key file.
    /// </summary>
    public static SubjectPublicKeyInfo ParsePublicKeyOnly(byte[] data, string source, string what) =>
        Translate(source, what, () =>
        {
            if (!PemBlock.LooksLikePem(data))
            {
                var sequence = Asn1Sequence.GetInstance(data);
                if (sequence.Count == 2 && sequence[0] is Asn1Sequence && sequence[1] is DerBitString)
                    return SubjectPublicKeyInfo.GetInstance(sequence);
                if (sequence.Count == 2 && sequence[0] is DerInteger && sequence[1] is DerInteger) return RsaPublicInfo(data);
                throw new UnreadableKeyException(UnreadableKeyException.NotAKey);
            }
            var block = PemBlock.ReadAll(data).FirstOrDefault(b => b.Label is "PUBLIC KEY" or "RSA PUBLIC KEY")
                        ?? throw new UnreadableKeyException(UnreadableKeyException.NotAKey);
            return block.Label == "PUBLIC KEY" ? SubjectPublicKeyInfo.GetInstance(block.Contents) : RsaPublicInfo(block.Contents);
        });

    /// <summary>
    /// Whether the private key the loader would pick needs a pass phrase: "ENCRYPTED PRIVATE KEY", a Proc-Type
    /// ENCRYPTED block, or DER EncryptedPrivateKeyInfo. Anything unreadable is "no": the loader then says why.
    /// </summary>
    public static bool IsEncrypted(byte[] data)
    {
        try
        {
            if (!PemBlock.LooksLikePem(data))
                return Asn1Sequence.GetInstance(data) is { Count: 2 } sequence && sequence[0] is Asn1Sequence && sequence[1] is Asn1OctetString;
            var block = PemBlock.ReadAll(data).FirstOrDefault(b => PrivateLabels.Contains(b.Label));
            return block != null && (block.Label == "ENCRYPTED PRIVATE KEY" || PemEncryption.IsEncrypted(block));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false;
        }
    }

    private static byte[]? Password(string? passphrase) => passphrase == null ? null : Encoding.UTF8.GetBytes(passphrase);

    // Decoding arbitrary bytes through BouncyCastle throws many exception types (IOException, ArgumentException,
    // InvalidCastException, ...); every one of them means "this is not a key we can read".
    private static T Translate<T>(string source, string what, Func<T> decode)
    {
        try
        {
            return decode();
        }
        catch (Exception e) when (e is not CnfSignerException and not OutOfMemoryException)
        {
            var reason = e is UnreadableKeyException ? e.Message : UnreadableKeyException.NotAKey;
            throw new CnfSignerException($"Could not read {what} from {source}\n{reason}", 1, e);
        }
    }

    private static PrivateKey DecodePrivate(byte[] data, byte[]? password)
    {
        if (!PemBlock.LooksLikePem(data)) return FromDer(data, password);
        var block = PemBlock.ReadAll(data).FirstOrDefault(b => PrivateLabels.Contains(b.Label))
                    ?? throw new UnreadableKeyException(UnreadableKeyException.NotAKey);
        return FromPem(block, password);
    }

    private static SubjectPublicKeyInfo DecodePublic(byte[] data, byte[]? password)
    {
        if (!PemBlock.LooksLikePem(data)) return PublicFromDer(data, password);
        var block = PemBlock.ReadAll(data).FirstOrDefault(b => b.Label is "PUBLIC KEY" or "RSA PUBLIC KEY" || PrivateLabels.Contains(b.Label))
                    ?? throw new UnreadableKeyException(UnreadableKeyException.NotAKey);
        return block.Label switch
        {
            "PUBLIC KEY" => SubjectPublicKeyInfo.GetInstance(block.Contents),
            "RSA PUBLIC KEY" => RsaPublicInfo(block.Contents),
            _ => FromPem(block, password).PublicInfo,
        };
    }

    private static PrivateKey FromPem(PemBlock block, byte[]? password)
    {
        var der = PemEncryption.IsEncrypted(block) ? PemEncryption.Decrypt(block, password) : block.Contents;
        return block.Label switch
        {
            "PRIVATE KEY" => PrivateKey.FromInfo(PrivateKeyInfo.GetInstance(der)),
            "ENCRYPTED PRIVATE KEY" => Decrypt(EncryptedPrivateKeyInfo.GetInstance(der), password),
            "RSA PRIVATE KEY" => FromRsa(der),
            _ => FromEc(der),
        };
    }

    /// <summary>DER has no label: the shape of the outer SEQUENCE tells the structures apart.</summary>
    private static PrivateKey FromDer(byte[] der, byte[]? password)
    {
        var sequence = Asn1Sequence.GetInstance(der);
        if (sequence.Count == 2 && sequence[0] is Asn1Sequence)
            return Decrypt(EncryptedPrivateKeyInfo.GetInstance(sequence), password);
        if (sequence.Count >= 3 && sequence[1] is Asn1Sequence)
            return PrivateKey.FromInfo(PrivateKeyInfo.GetInstance(sequence));
        if (sequence.Count >= 9 && sequence[1] is DerInteger) return FromRsa(der);
        if (sequence.Count >= 2 && sequence[1] is Asn1OctetString) return FromEc(der);
        throw new UnreadableKeyException(UnreadableKeyException.NotAKey);
    }

    private static SubjectPublicKeyInfo PublicFromDer(byte[] der, byte[]? password)
    {
        var sequence = Asn1Sequence.GetInstance(der);
        if (sequence.Count == 2 && sequence[0] is Asn1Sequence && sequence[1] is DerBitString)
            return SubjectPublicKeyInfo.GetInstance(sequence);
        if (sequence.Count == 2 && sequence[0] is DerInteger && sequence[1] is DerInteger) return RsaPublicInfo(der);
        return FromDer(der, password).PublicInfo;
    }

    private static PrivateKey Decrypt(EncryptedPrivateKeyInfo info, byte[]? password) =>
        PrivateKey.FromInfo(Pbes2.Decrypt(info, password ?? throw new UnreadableKeyException(UnreadableKeyException.NoPassword)));

    // crypto/rsa/rsa_ameth.c: PKCS#8 wraps RSAPrivateKey with rsaEncryption and NULL parameters.
    private static PrivateKey FromRsa(byte[] der) =>
        PrivateKey.FromInfo(new PrivateKeyInfo(RsaAlgorithm, RsaPrivateKeyStructure.GetInstance(der)));

    private static SubjectPublicKeyInfo RsaPublicInfo(byte[] der) =>
        new(RsaAlgorithm, RsaPublicKeyStructure.GetInstance(der));

    private static AlgorithmIdentifier RsaAlgorithm => new(PkcsObjectIdentifiers.RsaEncryption, DerNull.Instance);

    // crypto/ec/ec_ameth.c eckey_priv_encode(): PKCS#8 moves the curve to the AlgorithmIdentifier and drops it
    // from the inner ECPrivateKey.
    private static PrivateKey FromEc(byte[] der)
    {
        var ec = ECPrivateKeyStructure.GetInstance(der);
        var parameters = ec.Parameters ?? throw new UnreadableKeyException("missing EC parameters");
        var inner = new ECPrivateKeyStructure(OrderBits(parameters), ec.GetKey(), ec.PublicKey, null);
        var algorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.IdECPublicKey, parameters);
        return PrivateKey.FromInfo(new PrivateKeyInfo(algorithm, inner));
    }

    private static int OrderBits(Asn1Encodable parameters)
    {
        var x9 = X962Parameters.GetInstance(parameters);
        var curve = x9.IsNamedCurve
            ? ECNamedCurveTable.GetByOid((DerObjectIdentifier)x9.Parameters)
            : X9ECParameters.GetInstance(x9.Parameters);
        return curve?.N.BitLength ?? throw new UnreadableKeyException("unknown curve");
    }
}
