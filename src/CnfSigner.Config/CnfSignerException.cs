namespace CnfSigner;

/// <summary>
/// The one user-facing failure. Its message is final text for stderr (OpenSSL's words where OpenSSL has them),
/// possibly several lines; <see cref="ExitCode"/> is what the command exits with.
/// Anything else that escapes a command is a bug.
/// </summary>
public class CnfSignerException : Exception
{
    public CnfSignerException(string message, int exitCode = 1, Exception? inner = null)
        : base(message, inner) => ExitCode = exitCode;

    public int ExitCode { get; }

    /// <summary>
    /// When set, the dispatcher writes "&lt;command&gt;: " before the message, as OpenSSL's apps do for
    /// errors raised inside shared code (config loading: "req: Error on line 1 of config file ...").
    /// </summary>
    public bool PrefixWithCommand { get; init; }
}
