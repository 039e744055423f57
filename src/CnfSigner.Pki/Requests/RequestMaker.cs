using CnfSigner.Config;
using CnfSigner.Pki.Extensions;
using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Signing;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Pkcs;

namespace CnfSigner.Pki.Requests;

/// <summary>
/// A new request and what `-text` / `-subject` print for it: OpenSSL prints the in-memory X509_REQ, whose
/// attributes (and, for a DN built from the config, multi-valued RDN members) are in the order they were added,
/// not in the DER SET order of the encoded request.
/// </summary>
public sealed record MadeRequest(Pkcs10CertificationRequest Request, byte[] TextDer, X509Name TextSubject);

/// <summary>apps/req.c make_REQ() and the request branch after it: subject, attributes, extensions, signature.</summary>
public static class RequestMaker
{
    /// <summary>
    /// A new request for <paramref name="key"/>. The subject is -subj when given, else the config's DN (prompted
    /// or not), then the config's attributes, req_extensions and -addext, signed with the key.
    /// </summary>
    public static MadeRequest Make(X509Name? subject, PrivateKey key, ReqSettings s, CnfDocument config,
        TextReader input, TextWriter err)
    {
        var (name, shown, attributes) = subject != null
            ? (subject, subject, [])
            : Named(RequestNames.FromConfig(NameInput(s, config, attributes: true, input, err)));
        var context = new ExtensionContext(key.PublicInfo, name, null);
        var extensions = RequestExtensionSet.ForRequest(s, config, context);
        var request = RequestSigner.Sign(name, key.PublicInfo, attributes,
            extensions.Count == 0 ? null : ExtensionBuilder.ToX509Extensions(extensions), s.Digest, key,
            SignatureOptions.Parse(s.SignatureOptions, key));
        return new MadeRequest(request, InMemoryOrder(request, shown, attributes), shown);
    }

    /// <summary>
    /// req -x509 without -in: -subj, else the config's DN (prompted or not), without attributes; OpenSSL's request
    /// object holds it and is never signed.
    /// </summary>
    public static X509Name CertificateSubject(X509Name? subject, ReqSettings s, CnfDocument config, TextReader input, TextWriter err) =>
        subject ?? RequestNames.FromConfig(NameInput(s, config, attributes: false, input, err)).Subject.Build();

    private static RequestNameInput NameInput(ReqSettings s, CnfDocument config, bool attributes, TextReader input, TextWriter err) =>
        new(config, s.Section, s.Prompt, s.Batch, s.Charset, s.StringMask, attributes, input, err);

    private static (X509Name, X509Name, List<AttributePkcs>) Named((Names.NameBuilder Subject, List<AttributePkcs> Attributes) built) =>
        (built.Subject.Build(), built.Subject.BuildInInsertionOrder(), built.Attributes);

    // The request re-encoded without sorting: the attributes as added (the extensionRequest last), the subject as shown.
    private static byte[] InMemoryOrder(Pkcs10CertificationRequest request, X509Name shown, List<AttributePkcs> attributes)
    {
        var info = request.GetCertificationRequestInfo();
        var all = attributes.Cast<Asn1Encodable>().ToList();
        all.AddRange(info.Attributes.Cast<Asn1Encodable>().Select(AttributePkcs.GetInstance)
            .Where(a => a.AttrType.Equals(PkcsObjectIdentifiers.Pkcs9AtExtensionRequest)));
        // DL types throughout: a DER sequence would re-encode (and so sort) its members.
        var inMemory = new DLSequence(info.Version, shown.ToAsn1Object(), info.SubjectPublicKeyInfo,
            new DLTaggedObject(false, 0, new DLSet(all.ToArray())));
        return new DLSequence(inMemory, request.SignatureAlgorithm, new DerBitString(request.GetSignatureOctets()))
            .GetEncoded(Asn1Encodable.DL);
    }

    /// <summary>
    /// x509 -x509toreq (apps/x509.c x509_to_req, X509_to_X509_REQ): a request for <paramref name="key"/> with the
    /// certificate's subject, no attributes but the extensions given, signed like every new request.
    /// </summary>
    public static byte[] FromCertificate(X509Name subject, SubjectPublicKeyInfo publicKey, PrivateKey key,
        IReadOnlyList<CertExtension> extensions, string digest, IReadOnlyList<string> signatureOptions) =>
        RequestSigner.Sign(subject, publicKey, [],
            extensions.Count == 0 ? null : ExtensionBuilder.ToX509Extensions(extensions), digest, key,
            SignatureOptions.Parse(signatureOptions, key)).GetEncoded();

    /// <summary>apps/req.c: -subj on an existing request replaces its subject; the signature is not redone.</summary>
    public static Pkcs10CertificationRequest WithSubject(Pkcs10CertificationRequest request, X509Name subject)
    {
        var info = request.GetCertificationRequestInfo();
        var replaced = new CertificationRequestInfo(subject, info.SubjectPublicKeyInfo, info.Attributes);
        return new Pkcs10CertificationRequest(new CertificationRequest(replaced, request.SignatureAlgorithm,
            request.GetSignatureOctets() is { } sig ? new DerBitString(sig) : new DerBitString([])).GetEncoded());
    }
}
