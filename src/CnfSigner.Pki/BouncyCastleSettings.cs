using Org.BouncyCastle.Utilities;

namespace CnfSigner.Pki;

/// <summary>Process-wide BouncyCastle settings that make it behave as OpenSSL does and run without libcrypto.</summary>
public static class BouncyCastleSettings
{
    /// <summary>
    /// Every RsaKeyParameters that BouncyCastle builds (each key, request and certificate read) runs Miller–Rabin
    /// rounds on the modulus to prove it composite. OpenSSL makes no such check when it reads a key, and the rounds
    /// draw their bases from a parameterless SecureRandom, whose static seeding calls .NET's RandomNumberGenerator,
    /// which on Linux is OpenSSL's RAND_bytes: the native cnfsigner would abort where libcrypto is absent. They also
    /// cost four 2048-bit exponentiations per key read. The even-modulus and small-factor checks stay.
    /// </summary>
    public static void Apply() => Environment.SetEnvironmentVariable(Properties.RsaMaxMRTests, "0");
}
