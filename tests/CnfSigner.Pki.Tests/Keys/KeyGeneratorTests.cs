using CnfSigner.Pki.Keys;

namespace CnfSigner.Pki.Tests.Keys;

/// <summary>KeySpec's -pkeyopt rules and KeyGenerator's output shapes (OpenSSL's PKCS#8 forms).</summary>
public class KeyGeneratorTests
{
    [TestCase("rsa", "RSA")]
    [TestCase("RSA-PSS", "RSA-PSS")]
    [TestCase("rsassa-pss", "RSA-PSS")]
    [TestCase("ec", "EC")]
    [TestCase("Ed25519", "ED25519")]
    [TestCase("ED448", "ED448")]
    [TestCase("x25519", "X25519")]
    [TestCase("X448", "X448")]
    public void Algorithm_names_are_case_insensitive(string name, string expected) =>
        KeySpec.ForAlgorithm(name)!.Algorithm.ShouldBe(expected);

    [Test]
    public void An_unknown_algorithm_is_null() => KeySpec.ForAlgorithm("DSA3").ShouldBeNull();

    [TestCase("RSA", "rsa_keygen_bits:abc", null)]
    [TestCase("RSA", "rsa_keygen_bits:511", "key size too small")]
    [TestCase("RSA", "rsa_keygen_bits", null)]
    [TestCase("RSA", "foo:1", "command not supported")]
    [TestCase("ED25519", "rsa_keygen_bits:1024", "command not supported")]
    [TestCase("EC", "ec_param_enc:foo", null)]
    [TestCase("RSA", "rsa_keygen_primes:3", "multi-prime RSA keys are not supported by cnfsigner")]
    public void Refused_pkeyopts_give_no_spec_and_OpenSSLs_reason(string algorithm, string option, string? reason)
    {
        KeySpec.ForAlgorithm(algorithm)!.With(option, out var why).ShouldBeNull();
        why.ShouldBe(reason);
    }

    [Test]
    public void Pkeyopts_apply_in_order()
    {
        var spec = KeySpec.ForAlgorithm("RSA")!.With("rsa_keygen_bits:1024", out _)!.With("rsa_keygen_pubexp:3", out _)!;
        (spec.Bits, spec.Exponent.IntValue).ShouldBe((1024, 3));
    }

    [TestCase("P-256", "prime256v1")]
    [TestCase("prime256v1", "prime256v1")]
    [TestCase("P-521", "secp521r1")]
    [TestCase("brainpoolP384r1", "brainpoolP384r1")]
    public void Curves_are_found_by_short_or_NIST_name(string name, string shortName) =>
        Curves.Find(name)!.Name.ShouldBe(shortName);

    [Test]
    public void The_curve_list_has_OpenSSLs_82_curves_and_BouncyCastle_lacks_only_WTLS_and_Oakley()
    {
        Curves.All.Count.ShouldBe(82);
        Curves.All.Where(c => c.Parameters == null).ShouldAllBe(c => c.Name.StartsWith("wap-wsg-") || c.Name.StartsWith("Oakley-"));
        Curves.All.Count(c => c.Parameters == null).ShouldBe(13);
    }

    [Test]
    public void An_ec_key_is_PKCS8_with_the_named_curve_and_the_public_point_and_no_inner_parameters()
    {
        var key = KeyGenerator.Generate(new KeySpec("EC") { Curve = Curves.Find("P-256"), CurveName = "P-256" });
        // 30 81 87 02 01 00 30 13 (idEcPublicKey, prime256v1) 04 6d 30 6b 02 01 01 04 20 <d> a1 44 ...
        var der = KeyWriter.Pkcs8Der(key);
        der.Length.ShouldBe(138);
        Convert.ToHexString(der[..36]).ShouldBe("308187020100301306072A8648CE3D020106082A8648CE3D030107046D306B0201010420");
        Convert.ToHexString(der[68..72]).ShouldBe("A1440342");
    }

    [TestCase("ED25519", 48)]
    [TestCase("ED448", 73)]
    [TestCase("X25519", 48)]
    [TestCase("X448", 72)]
    public void Edwards_and_Montgomery_keys_are_version_0_PKCS8_without_a_public_key(string algorithm, int length)
    {
        var der = KeyWriter.Pkcs8Der(KeyGenerator.Generate(new KeySpec(algorithm)));
        der.Length.ShouldBe(length);
        Convert.ToHexString(der[2..5]).ShouldBe("020100");
    }

    [Test]
    public void An_rsa_pss_key_has_the_PSS_oid_without_parameters_in_both_halves()
    {
        var key = KeyGenerator.Generate(new KeySpec("RSA-PSS") { Bits = 512 });
        key.Info.PrivateKeyAlgorithm.Algorithm.Id.ShouldBe("1.2.840.113549.1.1.10");
        key.Info.PrivateKeyAlgorithm.Parameters.ShouldBeNull();
        key.PublicInfo.Algorithm.Algorithm.Id.ShouldBe("1.2.840.113549.1.1.10");
    }

    [Test]
    public void Ec_without_a_curve_fails_without_a_reason_and_an_unknown_curve_says_invalid_curve()
    {
        Should.Throw<CnfSignerException>(() => KeyGenerator.Generate(new KeySpec("EC"))).Message.ShouldBe("");
        Should.Throw<CnfSignerException>(() => KeyGenerator.Generate(new KeySpec("EC") { CurveName = "foo" })).Message.ShouldBe("invalid curve");
    }
}
