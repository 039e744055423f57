using CnfSigner.Pki.Certificates;
using CnfSigner.Pki.Names;
using CnfSigner.Pki.Text;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace CnfSigner.Pki.Verify;

/// <summary>
/// The trusted side of verification, like an X509_STORE: certificates and CRLs loaded from files (-CAfile,
/// -trusted) plus hashed directories (-CApath) whose "HHHHHHHH.N" and "HHHHHHHH.rN" files are read on demand by
/// subject or issuer name hash (crypto/x509/by_dir.c get_cert_by_subject()).
/// </summary>
public sealed class TrustStore
{
    private readonly List<CertificateFacts> _certificates = [];
    private readonly List<X509Crl> _crls = [];
    private readonly List<string> _directories = [];
    private readonly HashSet<string> _loadedHashes = [];
    private readonly List<string> _storeDirectories = [];

    /// <summary>The default locations of this OpenSSL build: OPENSSLDIR/cert.pem and OPENSSLDIR/certs.</summary>
    public const string DefaultFile = "/usr/lib/ssl/cert.pem", DefaultDirectory = "/usr/lib/ssl/certs";

    /// <summary>X509_STORE_add_cert(): a certificate already there (same DER, aux aside) is not added again.</summary>
    public void Add(X509Certificate certificate, byte[]? aux = null)
    {
        if (_certificates.Any(c => c.Certificate.Equals(certificate))) return;
        _certificates.Add(new CertificateFacts(certificate) { Aux = aux == null ? null : TrustSettings.Parse(aux) });
    }

    public void Add(X509Crl crl) => _crls.Add(crl);

    public void Add(PkiObjects objects)
    {
        foreach (var c in objects.Certificates) Add(c, objects.Aux.GetValueOrDefault(c));
        foreach (var c in objects.Crls) Add(c);
    }

    /// <summary>X509_LOOKUP_add_dir(): several directories may be given separated by ':'.</summary>
    public void AddDirectory(string directories)
    {
        foreach (var d in directories.Split(':', StringSplitOptions.RemoveEmptyEntries))
            if (!_directories.Contains(d)) _directories.Add(d);
    }

    /// <summary>
    /// A -CAstore directory (by_store.c with file_store.c's name search): every "HHHHHHHH.N" and "HHHHHHHH.rN" file of
    /// a name's hash, whatever N, with all the certificates and CRLs in each.
    /// </summary>
    public void AddStoreDirectory(string directory)
    {
        if (!_storeDirectories.Contains(directory)) _storeDirectories.Add(directory);
    }

    /// <summary>Certificates whose subject equals the name (X509_NAME_cmp), in the order they were loaded.</summary>
    public IReadOnlyList<CertificateFacts> CertificatesWithSubject(X509Name name)
    {
        LoadFromDirectories(name, crl: false);
        var canon = CanonicalName.Encode(name);
        return _certificates.Where(c => c.SubjectCanon.AsSpan().SequenceEqual(canon)).ToList();
    }

    /// <summary>CRLs whose issuer equals the name; null when there are none (X509_STORE_CTX_get1_crls()).</summary>
    public IReadOnlyList<X509Crl>? CrlsWithIssuer(X509Name name)
    {
        LoadFromDirectories(name, crl: true);
        var canon = CanonicalName.Encode(name);
        var found = _crls.Where(c => CanonicalName.Encode(c.IssuerDN).AsSpan().SequenceEqual(canon)).ToList();
        return found.Count == 0 ? null : found;
    }

    /// <summary>lookup_cert_match(): the same certificate, when the store holds it.</summary>
    public CertificateFacts? FindSame(CertificateFacts x) =>
        CertificatesWithSubject(x.Subject).FirstOrDefault(c => c.SameAs(x));

    private void LoadFromDirectories(X509Name name, bool crl)
    {
        if (_directories.Count == 0 && _storeDirectories.Count == 0) return;
        var hash = NameHash.HashText(name);
        LoadFromStores(hash);
        var key = (crl ? "r" : "") + hash;
        if (!_loadedHashes.Add(key)) return;
        foreach (var dir in _directories)
        {
            for (var k = 0; ; k++)
            {
                var path = Path.Combine(dir, $"{hash}.{(crl ? "r" : "")}{k}");
                if (!File.Exists(path)) break;
                var (objects, _) = CertificateFiles.LoadAll(path, "", crl);
                if (objects != null) Add(crl ? new PkiObjects([], objects.Crls) : new PkiObjects(objects.Certificates, []));
            }
        }
    }

    private void LoadFromStores(string hash)
    {
        if (_storeDirectories.Count == 0 || !_loadedHashes.Add("store:" + hash)) return;
        foreach (var dir in _storeDirectories)
        {
            string[] files;
            try { files = Directory.GetFiles(dir, hash + ".*"); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            foreach (var path in files.Where(f => IsHashedName(Path.GetFileName(f), hash)).Order(StringComparer.Ordinal))
                AddEverythingIn(path);
        }
    }

    /// <summary>What an OSSL_STORE gives for one file (by_store.c cache_objects()): every certificate and CRL in it.</summary>
    public void AddEverythingIn(string path)
    {
        var (certificates, _) = CertificateFiles.LoadAll(path, "", crls: false);
        if (certificates != null) Add(certificates with { Crls = [] });
        var (crls, _) = CertificateFiles.LoadAll(path, "", crls: true);
        if (crls != null) Add(new PkiObjects([], crls.Crls));
    }

    // file_store.c file_name_check(): the hash, a dot, an optional 'r' and at least one digit, nothing else
    private static bool IsHashedName(string name, string hash)
    {
        if (name.Length <= hash.Length + 1 || !name.StartsWith(hash + ".", StringComparison.OrdinalIgnoreCase)) return false;
        var suffix = name.AsSpan(hash.Length + 1);
        if (suffix[0] == 'r') suffix = suffix[1..];
        return suffix.Length > 0 && suffix.ToString().All(char.IsAsciiDigit);
    }
}
