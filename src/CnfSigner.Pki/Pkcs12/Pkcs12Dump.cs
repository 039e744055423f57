using System.Text;
using CnfSigner.Pki.Io;
using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Names;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;

namespace CnfSigner.Pki.Pkcs12;

/// <summary>
/// apps/pkcs12.c dump_certs_keys_p12(), dump_certs_pkeys_bag(), print_attribs() and alg_print(): the PEM text
/// with "Bag Attributes" headers, and the structure lines of -info on standard error.
/// </summary>
internal sealed class Pkcs12Dump(Pkcs12ImportRequest request, Pkcs12Password password, IPassphraseConsole console, TextWriter stderr)
{
    private readonly MemoryStream _out = new();
    private string? _pemPass = request.PassOut;

    public byte[] Output => _out.ToArray();

    public void AuthenticatedSafe(byte[] der)
    {
        foreach (var item in Parse(der))
        {
            var info = ContentInfo.GetInstance(item);
            byte[] safe;
            if (info.ContentType.Equals(PkcsObjectIdentifiers.Data))
            {
                Info("PKCS7 Data\n");
                safe = Asn1OctetString.GetInstance(info.Content).GetOctets();
            }
            else if (info.ContentType.Equals(PkcsObjectIdentifiers.EncryptedData))
            {
                var encrypted = Asn1Sequence.GetInstance(Asn1Sequence.GetInstance(info.Content)[1]);
                var algorithm = AlgorithmIdentifier.GetInstance(encrypted[1]);
                Info("PKCS7 Encrypted data: " + AlgorithmText(algorithm) + "\n");
                var data = Asn1OctetString.GetInstance((Asn1TaggedObject)encrypted[2], false).GetOctets();
                safe = Pkcs12Crypto.Decrypt(algorithm, password, data, request.Legacy);
            }
            else continue;
            foreach (var bag in Parse(safe)) Bag(Asn1Sequence.GetInstance(bag));
        }
    }

    private void Bag(Asn1Sequence bag)
    {
        var type = DerObjectIdentifier.GetInstance(bag[0]).Id;
        var value = Asn1TaggedObject.GetInstance(bag[1]).GetExplicitBaseObject();
        var attributes = bag.Count > 2 ? Asn1Set.GetInstance(bag[2]) : null;
        switch (type)
        {
            case "1.2.840.113549.1.12.10.1.1": // keyBag
                Info("Key bag\n");
                if (request.NoKeys) return;
                PrintAttributes(attributes, "Bag Attributes");
                Key(PrivateKeyInfo.GetInstance(value));
                break;
            case "1.2.840.113549.1.12.10.1.2": // pkcs8ShroudedKeyBag
                var shrouded = EncryptedPrivateKeyInfo.GetInstance(value);
                Info("Shrouded Keybag: " + AlgorithmText(shrouded.EncryptionAlgorithm) + "\n");
                if (request.NoKeys) return;
                PrintAttributes(attributes, "Bag Attributes");
                var plain = Pkcs12Crypto.Decrypt(shrouded.EncryptionAlgorithm, password, shrouded.GetEncryptedData(), request.Legacy);
                Key(PrivateKeyInfo.GetInstance(plain));
                break;
            case "1.2.840.113549.1.12.10.1.3": // certBag
                Info("Certificate bag\n");
                if (request.NoCerts) return;
                var hasKeyId = attributes != null && attributes.Cast<Asn1Encodable>().Any(a =>
                    Asn1Sequence.GetInstance(a)[0].Equals(PkcsObjectIdentifiers.Pkcs9AtLocalKeyID));
                if (hasKeyId ? request.CaCerts : request.ClCerts) return;
                PrintAttributes(attributes, "Bag Attributes");
                var certBag = Asn1Sequence.GetInstance(value);
                if (!certBag[0].Equals(PkcsObjectIdentifiers.X509Certificate)) return;
                Certificate(Asn1OctetString.GetInstance(Asn1TaggedObject.GetInstance(certBag[1]).GetExplicitBaseObject()).GetOctets());
                break;
            case "1.2.840.113549.1.12.10.1.6": // safeContentsBag
                Info("Safe Contents bag\n");
                PrintAttributes(attributes, "Bag Attributes");
                foreach (var inner in Asn1Sequence.GetInstance(value)) Bag(Asn1Sequence.GetInstance(inner));
                break;
            case "1.2.840.113549.1.12.10.1.5": // secretBag
                Info("Secret bag\n");
                PrintAttributes(attributes, "Bag Attributes");
                var secret = Asn1Sequence.GetInstance(value);
                stderr.Write("Bag Type: " + ObjectNames.Text(DerObjectIdentifier.GetInstance(secret[0]).Id) + "\nBag Value: ");
                PrintValue(Asn1TaggedObject.GetInstance(secret[1]).GetExplicitBaseObject().ToAsn1Object());
                break;
            default:
                stderr.Write("Warning unsupported bag type: " + ObjectNames.Text(type) + "\n");
                break;
        }
    }

    // EVP_PKCS82PKEY() keeps no attributes; PEM_write_bio_PrivateKey() writes PKCS#8, encrypted unless -nodes.
    private void Key(PrivateKeyInfo info)
    {
        PrintAttributes(info.Attributes, "Key Attributes");
        var bare = new PrivateKeyInfo(info.PrivateKeyAlgorithm, info.ParsePrivateKey(), null, info.PublicKey?.GetOctets());
        PrivateKey key;
        try
        {
            key = KeyMaterial.Of(PrivateKey.FromInfo(bare)).Private!;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or InvalidCastException)
        {
            throw new CnfSignerException("unsupported private key algorithm", 1, e);
        }
        if (request.Cipher == null)
        {
            Write(KeyWriter.Pkcs8Pem(key));
            return;
        }
        _pemPass ??= PassphrasePrompt.ForNewKey(console);
        Write(KeyWriter.EncryptedPkcs8Pem(key, request.Cipher, _pemPass));
    }

    // apps/lib/apps.c dump_cert_text(): "subject=" and "issuer=" lines, then PEM_write_bio_X509().
    private void Certificate(byte[] der)
    {
        var cert = X509CertificateStructure.GetInstance(Asn1Object.FromByteArray(der));
        Write(NamePrinter.PrintLine("subject=", cert.Subject.GetEncoded(Asn1Encodable.DL), NameFormat.Oneline));
        Write(NamePrinter.PrintLine("issuer=", cert.Issuer.GetEncoded(Asn1Encodable.DL), NameFormat.Oneline));
        Write(PemBlock.Encode("CERTIFICATE", cert.GetEncoded(Asn1Encodable.Der)));
    }

    // print_attribs(): absent, empty, or each attribute by its long name with its values.
    private void PrintAttributes(Asn1Set? attributes, string title)
    {
        if (attributes == null) { Write($"{title}: <No Attributes>\n"); return; }
        if (attributes.Count == 0) { Write($"{title}: <Empty Attributes>\n"); return; }
        Write(title + "\n");
        foreach (var item in attributes)
        {
            var attribute = Asn1Sequence.GetInstance(item);
            var oid = DerObjectIdentifier.GetInstance(attribute[0]).Id;
            Write("    " + (ObjectNames.Find(oid)?.LongName ?? oid) + ": ");
            var values = Asn1Set.GetInstance(attribute[1]);
            if (values.Count == 0) Write("<No Values>\n");
            foreach (var v in values) PrintValue(v.ToAsn1Object());
        }
    }

    // print_attribute(): BMPString as OPENSSL_uni2asc() (the low byte of each character), UTF8String as it is,
    // OCTET and BIT STRING as hex bytes each followed by a space.
    private void PrintValue(Asn1Object value)
    {
        switch (value)
        {
            case DerBmpString bmp:
                Write(new string(bmp.GetString().Select(c => (char)(c & 0xFF)).ToArray()).Split('\0')[0] + "\n");
                break;
            case DerUtf8String utf8:
                WriteBytes(Encoding.UTF8.GetBytes(utf8.GetString()));
                Write("\n");
                break;
            case DerBitString bits:
                Write(Hex(bits.GetBytes()) + "\n");
                break;
            case Asn1OctetString octets:
                Write(Hex(octets.GetOctets()) + "\n");
                break;
            default:
                Write($"<Unsupported tag {Tag(value)}>\n");
                break;
        }
    }

    private static string Hex(byte[] bytes) => string.Concat(bytes.Select(b => $"{b:X2} "));

    private static int Tag(Asn1Object value) => value.GetEncoded()[0] & 0x1F;

    /// <summary>alg_print(): the scheme's long name; for PBES2 the KDF, the cipher, iterations and PRF.</summary>
    internal static string AlgorithmText(AlgorithmIdentifier algorithm)
    {
        var text = new StringBuilder(ObjectNames.Text(algorithm.Algorithm.Id));
        try
        {
            if (algorithm.Algorithm.Equals(PkcsObjectIdentifiers.IdPbeS2))
            {
                var pbes2 = PbeS2Parameters.GetInstance(algorithm.Parameters);
                var kdf = pbes2.KeyDerivationFunc;
                text.Append($", {ObjectNames.Text(kdf.Algorithm.Id)}, {ObjectNames.Short(pbes2.EncryptionScheme.Algorithm.Id)}");
                if (kdf.Algorithm.Equals(PkcsObjectIdentifiers.IdPbkdf2))
                {
                    var p = Pbkdf2Params.GetInstance(kdf.Parameters);
                    var prf = p.Prf?.Algorithm.Id ?? "1.2.840.113549.2.7";
                    text.Append($", Iteration {p.IterationCount}, PRF {ObjectNames.Short(prf)}");
                }
                else if (kdf.Algorithm.Id == "1.3.6.1.4.1.11591.4.11")
                {
                    var s = Asn1Sequence.GetInstance(kdf.Parameters);
                    text.Append($", Salt length: {Asn1OctetString.GetInstance(s[0]).GetOctets().Length}, Cost(N): {s[1]}, Block size(r): {s[2]}, Parallelism(p): {s[3]}");
                }
            }
            else
            {
                text.Append($", Iteration {Pkcs12PbeParams.GetInstance(algorithm.Parameters).Iterations}");
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or NullReferenceException)
        {
            text.Append(", <unsupported parameters>");
        }
        return text.ToString();
    }

    private void Info(string line)
    {
        if (request.Info) stderr.Write(line);
    }

    private void Write(string text) => WriteBytes(Encoding.Latin1.GetBytes(text));

    private void WriteBytes(byte[] bytes) => _out.Write(bytes);

    private static Asn1Sequence Parse(byte[] der) => Asn1Sequence.GetInstance(Asn1Object.FromByteArray(der));
}
