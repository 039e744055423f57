using CnfSigner.Pki.Certificates;
namespace CnfSigner.Pki.Verify;

/// <summary>
/// apps/lib/apps.c setup_verify(): -CAfile or the default certificate file (unless -no-CAfile), -CApath or the
/// default hashed directory (unless -no-CApath), and -CAstore or the default store (unless -no-CAstore). The defaults
/// honour SSL_CERT_FILE and SSL_CERT_DIR as X509_get_default_cert_file_env()/X509_get_default_cert_dir_env() do; a
/// missing default is not an error.
/// </summary>
public static class TrustSetup
{
    public static (TrustStore? Store, LoadFailure? Failure) Build(string? caFile, bool noCaFile, string? caPath, bool noCaPath,
        string? caStore = null, bool noCaStore = true)
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
        else if (!noCaPath) store.AddDirectory(DefaultDirectory);

        if (caStore != null) return AddStore(store, caStore) is { } storeFailure ? (null, storeFailure) : (store, null);
        // the default store is the default directory (by_store.c X509_L_ADD_STORE)
        if (!noCaStore && Directory.Exists(DefaultDirectory)) store.AddStoreDirectory(DefaultDirectory);
        return (store, null);
    }

    private static string DefaultDirectory => Environment.GetEnvironmentVariable("SSL_CERT_DIR") ?? TrustStore.DefaultDirectory;

    /// <summary>
    /// X509_LOOKUP_add_store_ex() with the file: scheme (providers/implementations/storemgmt/file_store.c): a file
    /// gives all its certificates and CRLs, a directory those of its hashed names.
    /// </summary>
    private static LoadFailure? AddStore(TrustStore store, string uri)
    {
        var path = FilePath(uri);
        if (path != null && Directory.Exists(path))
        {
            store.AddStoreDirectory(path);
            return null;
        }
        if (path != null && File.Exists(path))
        {
            store.AddEverythingIn(path);
            return null;
        }
        var relative = path == null ? $"\npath must be absolute: Given path={uri[5..]}" : "";
        return new LoadFailure($"Error loading store URI {uri}\nunregistered scheme: scheme=file\n" +
                               $"No such file or directory: calling stat({uri}){relative}");
    }

    /// <summary>
    /// file_store.c file_open(): the URI as a path when it names one, else "file://localhost/p" and "file:///p" are
    /// /p and "file:/p" is /p; a relative path after "file:" is refused (null).
    /// </summary>
    private static string? FilePath(string uri)
    {
        if (!uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || File.Exists(uri) || Directory.Exists(uri)) return uri;
        var rest = uri[5..];
        if (rest.StartsWith("//localhost/", StringComparison.OrdinalIgnoreCase)) rest = rest[11..];
        else if (rest.StartsWith("//", StringComparison.Ordinal)) rest = rest[2..];
        return rest.StartsWith('/') ? rest : null;
    }
}
