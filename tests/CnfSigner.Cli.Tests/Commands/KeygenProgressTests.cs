namespace CnfSigner.Cli.Tests.Commands;

/// <summary>
/// Key generation progress on stderr against OpenSSL 3.0.19's, recorded by tools/make-keygen-progress-goldens.sh into
/// testdata/keygen-progress: the lines around the dots byte for byte, the dots' lines where OpenSSL has them and
/// shaped as its callbacks make them (the counts differ: cnfsigner's prime search is not OpenSSL's).
/// </summary>
public class KeygenProgressTests
{
    private static string Golden(string name) => File.ReadAllText(CliRunner.TestData("keygen-progress", name + ".stderr"));

    public static IEnumerable<TestCaseData> Cases() =>
        File.ReadAllLines(CliRunner.TestData("keygen-progress", "cases.txt")).Where(l => l.Contains('|'))
            .Select(l => l.Split('|')).Select(p => new TestCaseData(p[0], p[1]).SetName(p[0]));

    private static RunResult Ours(string args)
    {
        var dir = Directory.CreateTempSubdirectory("cnfsigner-progress-");
        try
        {
            File.Copy(CliRunner.TestData("keygen-progress", "req.cnf"), Path.Combine(dir.FullName, "req.cnf"));
            var run = CliRunner.Run(dir.FullName, "", args.Split(' '));
            run.ExitCode.ShouldBe(0, run.Stderr);
            return run;
        }
        finally { dir.Delete(recursive: true); }
    }

    /// <summary>The same comparison with openssl run now, for the multi-prime and the safe-prime paths.</summary>
    [Category("Interop")]
    [TestCase("genrsa -verbose -3 -out k.pem 1024"), TestCase("genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:768 -out k.pem")]
    [TestCase("dhparam -out dh.pem 512")]
    public void Stderr_is_live_openssls_around_progress_lines_of_its_shape(string args)
    {
        OpenSsl.Require();
        var dir = Directory.CreateTempSubdirectory("openssl-progress-");
        try
        {
            var theirs = OpenSsl.Exec(dir.FullName, args.Split(' '));
            theirs.ExitCode.ShouldBe(0, theirs.Stderr);
            var shape = KeygenProgress.ShapeFor(args.Split(' ')[0]).ToString();
            foreach (var line in KeygenProgress.Lines(theirs.Stderr)) line.ShouldMatch(shape);
            var ours = Ours(args).Stderr;
            KeygenProgress.Outline(ours).ShouldBe(KeygenProgress.Outline(theirs.Stderr));
            foreach (var line in KeygenProgress.Lines(ours)) line.ShouldMatch(shape);
        }
        finally { dir.Delete(recursive: true); }
    }

    [TestCaseSource(nameof(Cases))]
    public void Stderr_is_openssls_around_progress_lines_of_its_shape(string name, string args)
    {
        var golden = Golden(name);
        var ours = Ours(args).Stderr;

        KeygenProgress.Outline(ours).ShouldBe(KeygenProgress.Outline(golden));
        var shape = KeygenProgress.ShapeFor(args.Split(' ')[0]).ToString();
        foreach (var line in KeygenProgress.Lines(ours)) line.ShouldMatch(shape);
    }

    [TestCase("dhparam-512"), TestCase("dhparam-512-check")]
    public void Openssls_dhparam_line_has_the_safe_prime_shape(string name)
    {
        var lines = KeygenProgress.Lines(Golden(name));
        lines.Length.ShouldBe(1);
        lines[0].ShouldMatch(KeygenProgress.SafePrimeLine().ToString());
    }

    [Test]
    public void The_dhparam_line_ends_with_a_pair_of_passes_per_round_of_the_prime_taken()
    {
        var line = KeygenProgress.Lines(Ours("dhparam -out dh.pem 512").Stderr).ShouldHaveSingleItem();
        // 1 round to base 2 + PrimeSearch.RandomRounds(512) = 9 random ones, each passed by p then q.
        line.ShouldEndWith(string.Concat(Enumerable.Repeat("++*", 10)));
        line.ShouldNotEndWith(string.Concat(Enumerable.Repeat("++*", 11)));
    }

    /// <summary>The shape our lines are held to is the one OpenSSL's multi-prime path prints (below 2048 bits, or e = 3).</summary>
    [TestCase("genrsa-512-verbose"), TestCase("genrsa-1024-verbose"), TestCase("genrsa-1024-verbose-e3")]
    [TestCase("genpkey-rsa-1024"), TestCase("genpkey-rsa-pss-1024"), TestCase("req-newkey-rsa-1024")]
    public void Openssls_lines_below_2048_bits_have_the_prime_line_shape(string name)
    {
        var lines = KeygenProgress.Lines(Golden(name));
        lines.Length.ShouldBe(2);
        foreach (var line in lines) line.ShouldMatch(KeygenProgress.PrimeLine().ToString());
    }

    /// <summary>
    /// From 2048 bits OpenSSL derives each prime from two FIPS 186-4 auxiliary primes ('*' after each); cnfsigner
    /// searches primes directly, so its lines keep the prime line shape (README: differences from OpenSSL).
    /// </summary>
    [TestCase("genrsa-2048-verbose"), TestCase("genpkey-rsa-2048")]
    public void Openssls_lines_from_2048_bits_carry_auxiliary_primes(string name)
    {
        var lines = KeygenProgress.Lines(Golden(name));
        lines.Length.ShouldBe(2);
        foreach (var line in lines) line.ShouldMatch(KeygenProgress.Fips186Line().ToString());
    }

    [Test]
    public void Each_prime_line_holds_candidates_then_the_rounds_of_the_prime_taken()
    {
        var lines = KeygenProgress.Lines(Ours("genrsa -verbose -out k.pem 2048").Stderr);
        lines.Length.ShouldBe(2);
        // A '.' per sieved candidate (composites fail the first round) and the prime's rounds: 1 to base 2 + 5 random.
        foreach (var line in lines) line.TrimStart('.').ShouldBe("++++++");
    }

    [Test]
    public void Nothing_but_the_key_goes_out_where_openssl_prints_no_progress()
    {
        var run = Ours("genrsa 512");
        run.Stderr.ShouldBe("");
        run.Stdout.ShouldStartWith("-----BEGIN PRIVATE KEY-----\n");
    }
}
