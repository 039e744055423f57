using CnfSigner.Pki.Ca;
using CnfSigner.Pki.Io;
using Org.BouncyCastle.Math;

namespace CnfSigner.Pki.Signing;

/// <summary>
/// x509 -CA's serial file (apps/x509.c x509_load_serial): -CAserial, else the CA file name with its extension
/// replaced by ".srl". The stored number is incremented, saved, and used; -CAcreateserial starts from a random one.
/// </summary>
public static class CaSerialFile
{
    public static string DefaultPath(string caFile)
    {
        var dot = caFile.LastIndexOf('.');
        var slash = caFile.LastIndexOf('/');
        return (dot > slash ? caFile[..dot] : caFile) + ".srl";
    }

    public static BigInteger Next(string path, bool create)
    {
        BigInteger current;
        if (File.Exists(path))
        {
            try
            {
                current = SerialFile.Parse(SafeFile.ReadAllBytes(path), path);
            }
            catch (CnfSignerException e)
            {
                throw new CnfSignerException($"{e.Message}\nerror while loading serial number");
            }
        }
        else if (create) current = CertificateSigner.RandomSerial();
        else throw new CnfSignerException($"{path}: No such file or directory\nerror while loading serial number");
        var next = current.Add(BigInteger.One);
        SafeFile.Write(path, SerialFile.Format(next), secret: false);
        return next;
    }
}
