using CnfSigner.Pki.Certificates;
namespace CnfSigner.Pki.Verify;

/// <summary>
/// apps/lib/apps.c setup_verify(): -CAfile or the default certificate file (unless -no-CAfile), and -CApath or
/// the default hashed directory (unless -no-CApath). The defaults honour SSL_CERT_FILE and SSL_CERT_DIR as
/// X509_get_default_cert_file_env()/X509_get_default_cert_dir_env() do; a missing default is not an error.
/// </summary>
public static class TrustSetup
{
    public static (TrustStore? Store, LoadFailure? Failure) Build(string? caFile, bool noCaFile, string? caPath, bool noCaPath)
    {
        var store = new TrustStore();
        if (caFile != null)
        {
            var (objects, failure) = CertificateFiles.LoadTrustFile(caFile);
            if (failure != null) return (null, failure);
            store.Add(objects!);
        }
        else if (!noCaFile)
        {
            var (objects, _) = CertificateFiles.LoadTrustFile(Environment.GetEnvironmentVariable("SSL_CERT_FILE") ?? TrustStore.DefaultFile);
            if (objects != null) store.Add(objects);
        }

        if (caPath != null) store.AddDirectory(caPath);
        else if (!noCaPath) store.AddDirectory(Environment.GetEnvironmentVariable("SSL_CERT_DIR") ?? TrustStore.DefaultDirectory);
        return (store, null);
    }
}
