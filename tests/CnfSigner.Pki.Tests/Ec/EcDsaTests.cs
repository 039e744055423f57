using System.Text;
using CnfSigner.Pki.Ec;
using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Tools;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities;

namespace CnfSigner.Pki.Tests.Ec;

/// <summary>
/// Our EC point normalization, key generation and ECDSA (Pki/Ec, which never reach BouncyCastle's parameterless
/// SecureRandom) against BouncyCastle's own code (here, with libcrypto present, it may use that random) and openssl.
/// Prime curves with custom (secp*) and generic (brainpool) arithmetic, binary curves with custom (sect283k1,
/// sect163r2) and generic (c2pnb163v1) arithmetic.
/// </summary>
[TestFixture]
public class EcDsaTests
{
    private static readonly string[] CurveNames =
        ["prime256v1", "secp384r1", "secp521r1", "secp256k1", "brainpoolP256r1", "brainpoolP512t1", "sect283k1", "sect163r2", "c2pnb163v1"];

    private static readonly SecureRandom Random = new(new Org.BouncyCastle.Crypto.Prng.DigestRandomGenerator(new Sha256Digest()));

    private static ECDomainParameters Domain(string curve) => new(Curves.Find(curve)!.Parameters!);

    private static BigInteger Scalar(ECDomainParameters domain) => BigIntegers.CreateRandomInRange(BigInteger.One, domain.N.Subtract(BigInteger.One), Random);

    private static byte[] Digest(string text) => DigestUtilities.CalculateDigest("SHA-256", Encoding.ASCII.GetBytes(text));

    [TestCaseSource(nameof(CurveNames))]
    public void Normalize_gives_the_affine_point_BouncyCastle_gives(string curve)
    {
        var domain = Domain(curve);
        for (var i = 0; i < 5; i++)
        {
            var projective = domain.G.Multiply(Scalar(domain));
            projective.IsNormalized().ShouldBeFalse(); // else the test would prove nothing
            var ours = EcPoints.Normalize(projective);
            var theirs = projective.Normalize();
            ours.IsNormalized().ShouldBeTrue();
            ours.IsValid().ShouldBeTrue();
            ours.AffineXCoord.ToBigInteger().ShouldBe(theirs.AffineXCoord.ToBigInteger());
            ours.AffineYCoord.ToBigInteger().ShouldBe(theirs.AffineYCoord.ToBigInteger());
            ours.GetEncoded(false).ShouldBe(theirs.GetEncoded(false));
        }
    }

    [TestCaseSource(nameof(CurveNames))]
    public void A_generated_key_is_in_range_and_its_public_point_is_d_times_G(string curve)
    {
        var domain = Domain(curve);
        var key = EcPoints.GenerateKey(domain);
        key.D.SignValue.ShouldBe(1);
        key.D.CompareTo(domain.N).ShouldBeLessThan(0);
        var q = EcPoints.PublicKey(key).Q;
        q.IsNormalized().ShouldBeTrue();
        q.IsValid().ShouldBeTrue();
        q.GetEncoded(false).ShouldBe(domain.G.Multiply(key.D).Normalize().GetEncoded(false));
        EcPoints.GenerateKey(domain).D.ShouldNotBe(key.D);
    }

    [TestCaseSource(nameof(CurveNames))]
    public void BouncyCastle_verifies_our_signatures_and_we_verify_its(string curve)
    {
        var domain = Domain(curve);
        var key = EcPoints.GenerateKey(domain);
        var pub = EcPoints.PublicKey(key);
        var message = Digest("message " + curve);

        var ours = new EcDsa();
        ours.Init(true, key);
        var (r, s) = Pair(ours.GenerateSignature(message));
        var bc = new ECDsaSigner();
        bc.Init(false, pub);
        bc.VerifySignature(message, r, s).ShouldBeTrue();

        bc.Init(true, new ParametersWithRandom(key, Random));
        var (r2, s2) = Pair(bc.GenerateSignature(message));
        var verifier = new EcDsa();
        verifier.Init(false, pub);
        verifier.VerifySignature(message, r2, s2).ShouldBeTrue();
        verifier.VerifySignature(message, r, s).ShouldBeTrue();

        verifier.VerifySignature(Digest("other"), r2, s2).ShouldBeFalse();
        verifier.VerifySignature(message, r2, s2.Add(BigInteger.One).Mod(domain.N)).ShouldBeFalse();
        verifier.VerifySignature(message, r2, BigInteger.Zero).ShouldBeFalse();
        verifier.VerifySignature(message, domain.N, s2).ShouldBeFalse();
    }

    [Test]
    public void A_deterministic_k_calculator_gives_BouncyCastles_RFC6979_signature()
    {
        var domain = Domain("prime256v1");
        var key = EcPoints.GenerateKey(domain);
        var message = Digest("rfc6979");
        var ours = new EcDsa(new HMacDsaKCalculator(new Sha256Digest()));
        ours.Init(true, key);
        var bc = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
        bc.Init(true, key);
        Pair(ours.GenerateSignature(message)).ShouldBe(Pair(bc.GenerateSignature(message)));
    }

    private static (BigInteger R, BigInteger S) Pair(BigInteger[] signature) => (signature[0], signature[1]);

    [TestCase("prime256v1", "sha256")]
    [TestCase("secp384r1", "sha384")]
    [TestCase("secp521r1", "sha512")]
    [TestCase("secp256k1", "sha256")]
    [TestCase("brainpoolP384r1", "sha384")]
    [TestCase("sect283k1", "sha256")]
    [Category("Interop")]
    public void Openssl_accepts_our_keys_and_signatures_and_we_accept_its_signatures(string curve, string digest)
    {
        var dir = TestData.NewTempDirectory();
        try
        {
            var key = KeyGenerator.Generate(KeySpec.ForAlgorithm("EC")!.With($"ec_paramgen_curve:{curve}", out _)!);
            var keyFile = Path.Combine(dir, "k.pem");
            File.WriteAllText(keyFile, KeyWriter.Pkcs8Pem(key));
            var check = OpenSsl.Run("ec", "-check", "-noout", "-in", keyFile);
            check.ExitCode.ShouldBe(0, check.Stderr);
            check.Stderr.ShouldContain("EC Key valid.");

            var data = Encoding.ASCII.GetBytes("data signed with " + curve);
            var dataFile = Path.Combine(dir, "data");
            File.WriteAllBytes(dataFile, data);
            var md = MessageDigests.Find(digest)!;
            var ourSignature = Path.Combine(dir, "ours.sig");
            File.WriteAllBytes(ourSignature, DigestSignature.Sign(key, md, data));
            var verified = OpenSsl.Run("dgst", "-" + digest, "-prverify", keyFile, "-signature", ourSignature, dataFile);
            verified.ExitCode.ShouldBe(0, verified.Stderr);
            Encoding.ASCII.GetString(verified.Stdout).ShouldBe("Verified OK\n");

            var theirs = OpenSsl.Run("dgst", "-" + digest, "-sign", keyFile, dataFile);
            theirs.ExitCode.ShouldBe(0, theirs.Stderr);
            DigestSignature.Verify(key.PublicInfo, md, data, theirs.Stdout).ShouldBeTrue();
            data[0] ^= 1;
            DigestSignature.Verify(key.PublicInfo, md, data, theirs.Stdout).ShouldBeFalse();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
