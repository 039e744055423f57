using System.Text.RegularExpressions;

namespace CnfSigner.Cli.Tests;

/// <summary>
/// The progress lines OpenSSL's BN_GENCB callbacks (apps/lib/apps.c progress_cb, apps/genrsa.c genrsa_cb) print on
/// stderr during key generation: '.' per candidate, '+' per Miller–Rabin round passed, '*' per auxiliary prime
/// (FIPS 186-4) or rejected prime, '\n' per prime taken.
/// </summary>
public static partial class KeygenProgress
{
    /// <summary>
    /// A line of bn_prime.c BN_generate_prime_ex2 (rsa_gen.c multi-prime path): candidates, then the rounds; a prime
    /// refused because gcd(p − 1, e) ≠ 1 ends in '*' and the search goes on.
    /// </summary>
    [GeneratedRegex(@"^(\.*\++\*)*\.*\++$")]
    public static partial Regex PrimeLine();

    /// <summary>
    /// A line of bn_rsa_fips186_4.c (sp800_56b path, 2048 bits and up with e &gt; 2^16): two auxiliary primes each
    /// ended by '*' (candidates '.', '+' for passing trial division, then the rounds), then the prime itself.
    /// </summary>
    [GeneratedRegex(@"^((\.\+?)*\++\*){2}(\.\+?)*\++$")]
    public static partial Regex Fips186Line();

    /// <summary>
    /// A safe prime's line (bn_prime.c BN_generate_prime_ex2 with safe = 1, dhparam): candidates, a '+' when p passes
    /// a round that q then fails, then "++*" for each round both pass.
    /// </summary>
    [GeneratedRegex(@"^(\.\+?)*(\+\+\*)+$")]
    public static partial Regex SafePrimeLine();

    /// <summary>The shape of the lines a command prints: safe primes for dhparam, RSA primes otherwise.</summary>
    public static Regex ShapeFor(string command) => command == "dhparam" ? SafePrimeLine() : PrimeLine();

    [GeneratedRegex(@"^[.+*]+\n", RegexOptions.Multiline)]
    private static partial Regex AnyLine();

    /// <summary>stderr with every progress line replaced by "~\n": the text around them, and where they stand.</summary>
    public static string Outline(string stderr) => AnyLine().Replace(stderr, "~\n");

    /// <summary>The progress lines alone, without their '\n'.</summary>
    public static string[] Lines(string stderr) => [.. AnyLine().Matches(stderr).Select(m => m.Value.TrimEnd('\n'))];

    /// <summary>stderr without its progress lines.</summary>
    public static string Strip(string stderr) => AnyLine().Replace(stderr, "");
}
