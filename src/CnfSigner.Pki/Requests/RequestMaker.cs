using CnfSigner.Config;
using CnfSigner.Pki.Extensions;
using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Signing;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Pkcs;

namespace CnfSigner.Pki.Requests;

/// <summary>apps/req.c make_REQ() and the request branch after it: subject, attributes, extensions, signature.</summary>
public static class RequestMaker
{
    /// <summary>
    /// A new request for <paramref name="key"/>. The subject is -subj when given, else the config's DN (prompted
    /// or not). With -x509 there are no attributes and no request extensions (the certificate gets them) and
    /// the request is left unsigned, as OpenSSL never signs it.
    /// </summary>
    public static Pkcs10CertificationRequest Make(X509Name? subject, PrivateKey key, ReqSettings s, CnfDocument config,
        bool forCertificate, TextReader input, TextWriter err)
    {
        var (name, attributes) = subject != null
            ? (subject, [])
            : Named(RequestNames.FromConfig(new RequestNameInput(config, s.Section, s.Prompt, s.Batch, s.Charset,
                s.StringMask, !forCertificate, input, err)));
        if (forCertificate)
            return Unsigned(new CertificationRequestInfo(name, key.PublicInfo, new DerSet()));

        var context = new ExtensionContext(key.PublicInfo, name, null);
        var extensions = RequestExtensionSet.ForRequest(s, config, context);
        return RequestSigner.Sign(name, key.PublicInfo, attributes,
            extensions.Count == 0 ? null : ExtensionBuilder.ToX509Extensions(extensions), s.Digest, key.Private);
    }

    private static (X509Name, List<AttributePkcs>) Named((Names.NameBuilder Subject, List<AttributePkcs> Attributes) built) =>
        (built.Subject.Build(), built.Attributes);

    /// <summary>apps/req.c: -subj on an existing request replaces its subject; the signature is not redone.</summary>
    public static Pkcs10CertificationRequest WithSubject(Pkcs10CertificationRequest request, X509Name subject)
    {
        var info = request.GetCertificationRequestInfo();
        var replaced = new CertificationRequestInfo(subject, info.SubjectPublicKeyInfo, info.Attributes);
        return new Pkcs10CertificationRequest(new CertificationRequest(replaced, request.SignatureAlgorithm,
            request.GetSignatureOctets() is { } sig ? new DerBitString(sig) : new DerBitString([])).GetEncoded());
    }

    private static Pkcs10CertificationRequest Unsigned(CertificationRequestInfo info) =>
        new(new CertificationRequest(info, new AlgorithmIdentifier(PkcsObjectIdentifiers.Sha256WithRsaEncryption),
            new DerBitString([])).GetEncoded());
}
