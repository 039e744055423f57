using Org.BouncyCastle.Crypto.Prng;
using Org.BouncyCastle.Security;

namespace CnfSigner.Pki;

/// <summary>
/// Randomness straight from the operating system, for every place cnfsigner needs it (keys, salts, IVs, serials,
/// RSA blinding). BouncyCastle's parameterless <c>new SecureRandom()</c> seeds itself from .NET's
/// RandomNumberGenerator, which on Linux calls OpenSSL's RAND_bytes: the native cnfsigner would abort with
/// "No usable version of libssl was found" on a machine without libcrypto. Unix reads /dev/urandom (as .NET's own
/// System.Native SystemNative_GetCryptographicallySecureRandomBytes falls back to); Windows uses BCryptGenRandom
/// through BouncyCastle's CryptoApiRandomGenerator, which needs no OpenSSL there.
/// </summary>
public static class OsRandom
{
    /// <summary>A SecureRandom whose every byte comes from the kernel; safe to share between threads.</summary>
    public static SecureRandom Create() => new(OperatingSystem.IsWindows() ? new CryptoApiRandomGenerator() : new UrandomGenerator());

    /// <summary><paramref name="count"/> random bytes from the kernel (-writerand, `rand`).</summary>
    public static byte[] Bytes(int count) => SecureRandom.GetNextBytes(Create(), count);

    /// <summary>Reads /dev/urandom; seed material is ignored (the kernel mixes its own).</summary>
    private sealed class UrandomGenerator : IRandomGenerator
    {
        private static readonly Lazy<FileStream> Device = new(() =>
            new FileStream("/dev/urandom", FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0));
        private static readonly Lock Gate = new();

        public void AddSeedMaterial(byte[] seed) { }
        public void AddSeedMaterial(ReadOnlySpan<byte> seed) { }
        public void AddSeedMaterial(long seed) { }
        public void NextBytes(byte[] bytes) => NextBytes(bytes.AsSpan());
        public void NextBytes(byte[] bytes, int start, int len) => NextBytes(bytes.AsSpan(start, len));

        public void NextBytes(Span<byte> bytes)
        {
            try
            {
                lock (Gate)
                    Device.Value.ReadExactly(bytes);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CnfSignerException($"unable to read random bytes from /dev/urandom: {e.Message}");
            }
        }
    }
}
