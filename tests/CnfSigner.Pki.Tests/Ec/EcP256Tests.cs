using CnfSigner.Pki.Ec;
using CnfSigner.Pki.Keys;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities;

namespace CnfSigner.Pki.Tests.Ec;

/// <summary>
/// Our constant-time P-256 base-point multiplication (Pki/Ec/P256, its generated table) against BouncyCastle's
/// generic arithmetic and against openssl's public keys.
/// </summary>
[TestFixture]
public class EcP256Tests
{
    private static readonly ECDomainParameters Domain = new(Curves.Find("prime256v1")!.Parameters!);
    private static readonly SecureRandom Random = new(new Org.BouncyCastle.Crypto.Prng.DigestRandomGenerator(new Sha256Digest()));

    private static void ShouldMatchBouncyCastle(BigInteger d)
    {
        var ours = EcPoints.MultiplyG(Domain, d);
        var theirs = Domain.G.Multiply(d).Normalize();
        ours.IsValid().ShouldBeTrue();
        ours.GetEncoded(false).ShouldBe(theirs.GetEncoded(false), "d = " + d.ToString(16));
    }

    [Test]
    public void Every_table_entry_and_carry_is_right()
    {
        // j·16^i is one non-zero digit j (1..8) in window i: each reads one table entry; 9..15 read 16-j with a carry
        for (var i = 0; i < 64; i++)
            for (var j = 1; j < 16; j++)
            {
                var d = BigInteger.ValueOf(j).ShiftLeft(4 * i);
                if (d.CompareTo(Domain.N) < 0) ShouldMatchBouncyCastle(d);
                ShouldMatchBouncyCastle(Domain.N.Subtract(BigInteger.ValueOf(j).ShiftLeft(4 * Math.Min(i, 62))));
            }
    }

    [Test]
    public void Edge_scalars_and_random_ones_give_BouncyCastles_points()
    {
        var n = Domain.N;
        string[] hex = ["1", "2", "3", "8", "9", "f", "10", "88888888888888888888888888888888888888888888888888888888888888",
            "99999999999999999999999999999999999999999999999999999999999999", "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
            "7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "8000000000000000000000000000000000000000000000000000000000000000"];
        foreach (var h in hex) ShouldMatchBouncyCastle(new BigInteger(h, 16));
        foreach (var k in new[] { 1, 2, 3, 8, 9, 16, 17 }) ShouldMatchBouncyCastle(n.Subtract(BigInteger.ValueOf(k)));
        for (var i = 0; i < 200; i++) ShouldMatchBouncyCastle(BigIntegers.CreateRandomInRange(BigInteger.One, n.Subtract(BigInteger.One), Random));
    }

    [Test]
    public void Only_P256_takes_the_fast_path_and_scalars_out_of_range_still_work()
    {
        EcPoints.IsP256(Domain).ShouldBeTrue();
        EcPoints.IsP256(new ECDomainParameters(Curves.Find("secp256k1")!.Parameters!)).ShouldBeFalse();
        EcPoints.IsP256(new ECDomainParameters(Curves.Find("brainpoolP256r1")!.Parameters!)).ShouldBeFalse();
        EcPoints.IsP256(new ECDomainParameters(Curves.Find("secp384r1")!.Parameters!)).ShouldBeFalse();
        // d ≥ n goes through BouncyCastle's comb, which reduces it
        EcPoints.MultiplyG(Domain, Domain.N.Add(BigInteger.Two)).GetEncoded(false).ShouldBe(Domain.G.Multiply(BigInteger.Two).Normalize().GetEncoded(false));
    }

    [Test]
    [Category("Interop")]
    public void The_public_key_of_openssls_P256_keys_is_openssls()
    {
        var dir = TestData.NewTempDirectory();
        try
        {
            for (var i = 0; i < 8; i++)
            {
                var keyFile = Path.Combine(dir, $"k{i}.pem");
                var gen = OpenSsl.Run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-pkeyopt", "ec_param_enc:named_curve", "-out", keyFile);
                gen.ExitCode.ShouldBe(0, gen.Stderr);
                // drop the stored public point so that ours is computed from d
                var noPublic = Path.Combine(dir, $"np{i}.pem");
                var strip = OpenSsl.Run("ec", "-in", keyFile, "-no_public", "-out", noPublic);
                strip.ExitCode.ShouldBe(0, strip.Stderr);
                var pub = OpenSsl.Run("pkey", "-in", keyFile, "-pubout", "-outform", "DER");
                pub.ExitCode.ShouldBe(0, pub.Stderr);
                KeyReader.LoadPrivateKey(noPublic, null).PublicInfo.GetEncoded().ShouldBe(pub.Stdout);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
