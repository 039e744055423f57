using CnfSigner.Pki.Keys;
using CnfSigner.Pki.Signing;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace CnfSigner.Pki.Tests.Signing;

/// <summary>
/// RSA public-key operations on Keys/Montgomery (Signing/RsaPublicCore): the same answers as BouncyCastle's ModPow
/// and RsaDigestSigner on valid, tampered and malformed signatures, for e = 3, 65537 and a large e.
/// </summary>
public class RsaPublicCoreTests
{
    private static readonly SecureRandom Random = OsRandom.Create();

    [TestCase(2)]
    [TestCase(64)]
    [TestCase(65)]
    [TestCase(1024)]
    [TestCase(1537)]
    [TestCase(2048)]
    [TestCase(4096)]
    public void Public_power_equals_BouncyCastle_ModPow(int bits)
    {
        for (var round = 0; round < 8; round++)
        {
            var n = new BigInteger(bits, Random).SetBit(bits - 1).SetBit(0);
            foreach (var e in new[] { BigInteger.Three, BigInteger.ValueOf(65537), new BigInteger(bits, Random).SetBit(0), BigInteger.One })
            {
                var x = new BigInteger(bits, Random).Mod(n);
                Montgomery.PublicPow(x, e, n).ShouldBe(x.ModPow(e, n), $"n={n} e={e} x={x}");
            }
        }
    }

    /// <summary>A key of <paramref name="bits"/> with the public exponent named: 3, 65537 or "large" (random, as long as n).</summary>
    private static (RsaKeyParameters Public, RsaKeyParameters Private) Key(int bits, string exponent)
    {
        if (exponent != "large")
        {
            var key = (RsaPrivateCrtKeyParameters)RsaKeyGenerator.Generate(bits, BigInteger.ValueOf(long.Parse(exponent))).Private;
            return (new RsaKeyParameters(false, key.Modulus, key.PublicExponent), key);
        }
        var k = (RsaPrivateCrtKeyParameters)RsaKeyGenerator.Generate(bits, RsaKeyGenerator.F4).Private;
        var phi = k.P.Subtract(BigInteger.One).Multiply(k.Q.Subtract(BigInteger.One));
        BigInteger e;
        do e = new BigInteger(bits - 1, Random).SetBit(bits - 2).SetBit(0);
        while (!e.Gcd(phi).Equals(BigInteger.One));
        return (new RsaKeyParameters(false, k.Modulus, e), new RsaKeyParameters(true, k.Modulus, e.ModInverse(phi)));
    }

    private static bool Ours(RsaKeyParameters key, IDigest digest, byte[] message, byte[] signature)
    {
        var signer = RsaPublicCore.Pkcs1Signer(digest);
        signer.Init(false, key);
        signer.BlockUpdate(message, 0, message.Length);
        return signer.VerifySignature(signature);
    }

    private static bool Theirs(RsaKeyParameters key, IDigest digest, byte[] message, byte[] signature)
    {
        var signer = new RsaDigestSigner(digest);
        signer.Init(false, key);
        signer.BlockUpdate(message, 0, message.Length);
        return signer.VerifySignature(signature);
    }

    /// <summary>The raw private-key operation on an encoded block (to make signatures with any padding).</summary>
    private static byte[] Raw(RsaKeyParameters key, byte[] block)
    {
        var m = new BigInteger(1, block).ModPow(key.Exponent, key.Modulus);
        return BigIntegersPad(m, (key.Modulus.BitLength + 7) / 8);
    }

    private static byte[] BigIntegersPad(BigInteger value, int length) => Org.BouncyCastle.Utilities.BigIntegers.AsUnsignedByteArray(length, value);

    /// <summary>EMSA-PKCS1-v1_5 with the parts given (RFC 8017 §9.2), to build malformed paddings on purpose.</summary>
    private static byte[] Encode(int length, byte type, byte fill, byte separator, byte[] info)
    {
        var block = new byte[length];
        block[0] = 0; block[1] = type;
        for (var i = 2; i < length - info.Length - 1; i++) block[i] = fill;
        block[length - info.Length - 1] = separator;
        info.CopyTo(block, length - info.Length);
        return block;
    }

    private static byte[] Info(DerObjectIdentifier oid, byte[] hash, bool withNull = true) =>
        new DigestInfo(withNull ? new AlgorithmIdentifier(oid, DerNull.Instance) : new AlgorithmIdentifier(oid), hash).GetDerEncoded();

    [TestCase(1024, "3")]
    [TestCase(1024, "65537")]
    [TestCase(1024, "large")]
    [TestCase(2048, "3")]
    [TestCase(2048, "65537")]
    [TestCase(2048, "large")]
    [TestCase(1537, "65537")]
    [TestCase(3072, "65537"), Category("Slow")]
    [TestCase(4096, "3"), Category("Slow")]
    [TestCase(4096, "65537"), Category("Slow")]
    [TestCase(4096, "large"), Category("Slow")]
    public void Verification_answers_as_BouncyCastle_on_valid_tampered_and_malformed_signatures(int bits, string exponent)
    {
        var (publicKey, privateKey) = Key(bits, exponent);
        var n = publicKey.Modulus;
        var length = (bits + 7) / 8;
        var message = new byte[100];
        Random.NextBytes(message);
        var hash = DigestUtilities.CalculateDigest("SHA-256", message);
        var info = Info(NistObjectIdentifiers.IdSha256, hash);

        var signer = new RsaDigestSigner(new Sha256Digest());
        signer.Init(true, privateKey);
        signer.BlockUpdate(message, 0, message.Length);
        var valid = signer.GenerateSignature();

        var tampered = (byte[])valid.Clone();
        tampered[length / 2] ^= 0x10;
        var otherMessage = (byte[])message.Clone();
        otherMessage[0] ^= 1;
        var cases = new List<(string Name, byte[] Message, byte[] Signature, bool Expected)>
        {
            ("valid", message, valid, true),
            ("tampered signature", message, tampered, false),
            ("other message", otherMessage, valid, false),
            ("one byte short", message, valid[1..], valid[0] == 0), // the same number when the top byte is 0
            ("one byte long", message, [0, .. valid], false),
            ("two bytes long", message, [1, .. valid], false),
            ("empty", message, [], false),
            ("zero", message, new byte[length], false),
            ("one", message, BigIntegersPad(BigInteger.One, length), false),
            ("n - 1", message, BigIntegersPad(n.Subtract(BigInteger.One), length), false),
            ("n", message, BigIntegersPad(n, length), false),
            ("n + 1", message, BigIntegersPad(n.Add(BigInteger.One), length), false),
            ("all ones", message, Enumerable.Repeat((byte)0xFF, length).ToArray(), false),
            ("block type 2", message, Raw(privateKey, Encode(length, 2, 0xFF, 0, info)), false),
            ("fill not 0xFF", message, Raw(privateKey, Encode(length, 1, 0xFE, 0, info)), false),
            ("no separator", message, Raw(privateKey, Encode(length, 1, 0xFF, 1, info)), false),
            ("other digest OID", message, Raw(privateKey, Encode(length, 1, 0xFF, 0, Info(NistObjectIdentifiers.IdSha384, hash))), false),
            ("no NULL parameters", message, Raw(privateKey, Encode(length, 1, 0xFF, 0, Info(NistObjectIdentifiers.IdSha256, hash, false))), true),
            ("raw hash, no DigestInfo", message, Raw(privateKey, Encode(length, 1, 0xFF, 0, hash)), false),
            ("valid, re-encoded by hand", message, Raw(privateKey, Encode(length, 1, 0xFF, 0, info)), true),
        };
        foreach (var (name, m, signature, expected) in cases)
        {
            var theirs = Theirs(publicKey, new Sha256Digest(), m, signature);
            Ours(publicKey, new Sha256Digest(), m, signature).ShouldBe(theirs, name);
            theirs.ShouldBe(expected, name); // the cases test what they say
        }
    }

    [TestCase("SHA-1")]
    [TestCase("SHA-512")]
    [TestCase("SHA3-256")]
    [TestCase("MD5")]
    public void Other_digests_verify_as_BouncyCastle(string digest)
    {
        var (publicKey, privateKey) = Key(1024, "65537");
        var message = new byte[33];
        Random.NextBytes(message);
        var signer = new RsaDigestSigner(DigestUtilities.GetDigest(digest));
        signer.Init(true, privateKey);
        signer.BlockUpdate(message, 0, message.Length);
        var signature = signer.GenerateSignature();
        Ours(publicKey, DigestUtilities.GetDigest(digest), message, signature).ShouldBeTrue();
        signature[5] ^= 1;
        Ours(publicKey, DigestUtilities.GetDigest(digest), message, signature).ShouldBeFalse();
    }

    [Test]
    public void Certificate_and_request_checks_use_it_and_still_tell_valid_from_tampered()
    {
        var (publicKey, privateKey) = Key(2048, "65537");
        var signer = RsaPublicCore.InitVerifier(PkcsObjectIdentifiers.Sha256WithRsaEncryption, publicKey);
        signer.ShouldBeOfType<RsaDigestSigner>();
        var message = new byte[64];
        Random.NextBytes(message);
        var bc = new RsaDigestSigner(new Sha256Digest());
        bc.Init(true, privateKey);
        bc.BlockUpdate(message, 0, message.Length);
        var signature = bc.GenerateSignature();
        signer.BlockUpdate(message, 0, message.Length);
        signer.VerifySignature(signature).ShouldBeTrue();
        // a private key is refused as BouncyCastle's InitSigner refuses it
        Should.Throw<InvalidKeyException>(() => RsaPublicCore.InitVerifier(PkcsObjectIdentifiers.Sha256WithRsaEncryption, privateKey));
    }

    [Test]
    public void Even_moduli_and_non_positive_exponents_are_left_to_BouncyCastle()
    {
        // BouncyCastle refuses even moduli in RsaKeyParameters already; the core checks again for itself
        var n = BigInteger.One.ShiftLeft(1024);
        RsaPublicCore.Usable(n, BigInteger.ValueOf(65537)).ShouldBeFalse();
        RsaPublicCore.Usable(n.Add(BigInteger.One), BigInteger.Zero).ShouldBeFalse();
        RsaPublicCore.Usable(BigInteger.One, BigInteger.Three).ShouldBeFalse();
        RsaPublicCore.Usable(n.Add(BigInteger.One), BigInteger.Three).ShouldBeTrue();
    }
}
