using Org.BouncyCastle.Asn1;

namespace CnfSigner.Pki.Extensions;

/// <summary>crypto/asn1/a_bitstr.c i2c_ASN1_BIT_STRING(): named bits, trailing zero bits dropped.</summary>
internal static class BitStringEncoder
{
    public static DerBitString FromBits(IEnumerable<int> bits)
    {
        var set = bits.ToList();
        if (set.Count == 0) return new DerBitString([], 0);
        var bytes = new byte[set.Max() / 8 + 1];
        foreach (var bit in set) bytes[bit / 8] |= (byte)(0x80 >> (bit % 8));
        var last = bytes[^1];
        var unused = 0;
        while ((last & (1 << unused)) == 0) unused++;
        return new DerBitString(bytes, unused);
    }
}
