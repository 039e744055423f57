namespace CnfSigner.Pki.Extensions;

/// <summary>
/// OpenSSL's error queue while one extension is parsed: each entry is a reason (ERR_raise) with optional data
/// (ERR_raise_data / ERR_add_error_data). Rendered as "reason: data" lines, oldest first, as the design asks for
/// OpenSSL's `...:reason:file:line:data` lines.
/// </summary>
internal sealed class X509V3Exception : Exception
{
    private readonly List<(string Reason, string? Data)> _entries = [];

    public X509V3Exception(string reason, string? data = null) : base(reason) => _entries.Add((reason, data));

    /// <summary>A failure for which OpenSSL raises no error of its own (only the caller's lines are printed).</summary>
    public static X509V3Exception Unreported()
    {
        var e = new X509V3Exception("");
        e._entries.Clear();
        return e;
    }

    /// <summary>A further ERR_raise by a caller up the stack.</summary>
    public X509V3Exception Push(string reason, string? data = null)
    {
        _entries.Add((reason, data));
        return this;
    }

    /// <summary>ERR_add_error_data: attaches data to the newest entry.</summary>
    public X509V3Exception AddData(string data)
    {
        if (_entries.Count == 0) return this;
        var (reason, old) = _entries[^1];
        _entries[^1] = (reason, old + data);
        return this;
    }

    public IEnumerable<string> Lines =>
        _entries.Select(e => string.IsNullOrEmpty(e.Data) ? e.Reason : $"{e.Reason}: {e.Data}");

    /// <summary>crypto/x509/v3_utl.c X509V3_conf_add_error_name_value(): "name=N, value=V".</summary>
    public static X509V3Exception WithNameValue(string reason, ConfValue value) =>
        new(reason, $"name={value.Name}, value={value.Value ?? "<NULL>"}");

    /// <summary>include/openssl/x509v3.h X509V3_conf_err(): "section:S,name:N,value:V".</summary>
    public static X509V3Exception WithConfErr(string reason, ConfValue value) =>
        new(reason, $"section:{value.Section ?? "<NULL>"},name:{value.Name},value:{value.Value ?? "<NULL>"}");
}
