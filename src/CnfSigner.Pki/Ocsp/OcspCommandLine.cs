namespace CnfSigner.Pki.Ocsp;

/// <summary>apps/ocsp.c's options after parsing; <see cref="Items"/> keeps -issuer, -cert, -serial and digests in order.</summary>
public sealed record OcspCommandLine
{
    /// <summary>("issuer"|"cert"|"serial"|"digest", value) in command-line order, as OpenSSL acts on them while parsing.</summary>
    public IReadOnlyList<(string Kind, string Value)> Items { get; init; } = [];
    public string? Url { get; init; }
    public string? Host { get; init; }
    public string? Port { get; init; }
    public string Path { get; init; } = "/";
    public IReadOnlyList<(string Name, string Value)> Headers { get; init; } = [];
    public int Timeout { get; init; } = -1;
    public bool IgnoreErr { get; init; }
    public bool NoVerify { get; init; }
    /// <summary>add_nonce: 0 -no_nonce, 1 default, 2 -nonce.</summary>
    public int Nonce { get; init; } = 1;
    public bool ReqText { get; init; }
    public bool RespText { get; init; }
    public string? ReqIn { get; init; }
    public string? RespIn { get; init; }
    public string? ReqOut { get; init; }
    public string? RespOut { get; init; }
    public string? CaFile { get; init; }
    public bool NoCaFile { get; init; }
    public string? CaPath { get; init; }
    public bool NoCaPath { get; init; }
    public string? VerifyOther { get; init; }
    public OcspVerifyFlags VerifyFlags { get; init; }
    public long ValidityPeriod { get; init; } = 300;
    public long StatusAge { get; init; } = -1;
    public string? Index { get; init; }
    public string? Ca { get; init; }
    public string? ResponderCert { get; init; }
    public string? ResponderKey { get; init; }
    public string? PassIn { get; init; }
    public string? ResponderOther { get; init; }
    public ResponderSettings Responder { get; init; } = new();
    public int RequestCount { get; init; } = -1;
}
