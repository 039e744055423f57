namespace CnfSigner.Cli.Commands;

/// <summary>x509/crl -badsig: apps/lib/apps.c corrupt_signature().</summary>
internal static class BadSignature
{
    /// <summary>
    /// The last byte of the signature BIT STRING flips its low bit. That BIT STRING ends a certificate's or CRL's DER,
    /// so it is the last byte of the encoding.
    /// </summary>
    public static byte[] Corrupt(byte[] der)
    {
        var corrupt = (byte[])der.Clone();
        corrupt[^1] ^= 1;
        return corrupt;
    }
}
