using System.Text;
using CnfSigner.Pki.Certificates;
using CnfSigner.Pki.Keys;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace CnfSigner.Fuzz;

/// <summary>A key and an issuer for the extension target (made by openssl; tests/CnfSigner.Pki.Tests/testdata).</summary>
internal static class Fixtures
{
    private const string PublicKeyPem = """
-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEF0bLyjhbr7PdUwfMJawYdFuT1q2N
VJNRuwkPsUjqR5POKItwPLXsunIdxPCPDE8NatW14S+BU0HymKMa92JiUA==
-----END PUBLIC KEY-----
""";

    private const string IssuerPem = """
-----BEGIN CERTIFICATE-----
MIIBVjCB/qADAgECAgENMAoGCCqGSM49BAMCMBIxEDAOBgNVBAMMB2VjIHAyNTYw
HhcNMjYxMTI1MTQxOTEyWhcNMjYxMjI1MTQxOTEyWjASMRAwDgYDVQQDDAdlYyBw
MjU2MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE4iMTAE9ekjVPUEc5Ww1pWxsW
4XVWIgnxOTkCXbn0O1vdKbEihy/uhL1sbve+v2rgp9qSeImx0p4ttMIUrCentKNF
MEMwEgYDVR0TAQH/BAgwBgEB/wIBADAOBgNVHQ8BAf8EBAMCAQYwHQYDVR0OBBYE
FPiKg0Vx5N5WXi9g8p/XE0QROM8aMAoGCCqGSM49BAMCA0cAMEQCIGnn7M2ux4H1
pnxrdXHJSDas80Y6GzI/twx+je5i0I1tAiAXn/RFySLcFNb1e2ZkACieDLoPkEOj
abYDTdQmq7iUTQ==
-----END CERTIFICATE-----
""";

    public static readonly SubjectPublicKeyInfo PublicKey =
        KeyReader.ParsePublicKey(Encoding.ASCII.GetBytes(PublicKeyPem), null, "fixture");

    public static readonly X509Certificate Issuer =
        CertificateFiles.Parse(Encoding.ASCII.GetBytes(IssuerPem)).Certificates[0];
}
