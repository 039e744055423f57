using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using CnfSigner.Pki.Keys;
using Org.BouncyCastle.Pkcs;

namespace CnfSigner.Pki.Signing;

public static class RequestSigner
{
    /// <summary>
    /// A PKCS#10 request, version 0. The attributes are the config's attributes followed by one extensionRequest
    /// when there are extensions (apps/req.c: X509_REQ_add_extensions after the DN); an empty attribute set is
    /// encoded as A0 00, as OpenSSL writes it.
    /// </summary>
    public static Pkcs10CertificationRequest Sign(X509Name subject, SubjectPublicKeyInfo publicKey,
        IReadOnlyList<AttributePkcs> attributes, X509Extensions? extensions, string digest, PrivateKey signingKey,
        SignatureOptions? options = null)
    {
        var all = new List<Asn1Encodable>(attributes);
        if (extensions != null && extensions.GetExtensionOids().Length > 0)
            all.Add(new AttributePkcs(PkcsObjectIdentifiers.Pkcs9AtExtensionRequest, new DerSet(extensions)));

        var info = new CertificationRequestInfo(subject, publicKey, new DerSet(all.ToArray()));
        var factory = Digests.SignatureFactory(digest, signingKey, options ?? SignatureOptions.None);
        var signature = Digests.Sign(factory, info.GetDerEncoded());
        return new Pkcs10CertificationRequest(new CertificationRequest(
            info, (AlgorithmIdentifier)factory.AlgorithmDetails, new DerBitString(signature)).GetEncoded());
    }
}
