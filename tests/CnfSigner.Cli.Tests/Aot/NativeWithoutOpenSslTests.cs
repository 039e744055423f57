using System.Diagnostics;

namespace CnfSigner.Cli.Tests.Aot;

/// <summary>
/// The native (NativeAOT) cnfsigner runs the seed workflow where libssl and libcrypto cannot be loaded, and the real
/// openssl accepts what it made: tests/aot/run-without-openssl.sh. Runs when CNFSIGNER_AOT names the binary (CI
/// publishes it and sets it) or when it was published to artifacts/aot/; skipped otherwise.
/// </summary>
[TestFixture, Category("Slow")] // the NativeAOT binary, published by .ci/run
public class NativeWithoutOpenSslTests
{
    private static readonly string Repo = Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..", "..", ".."));

    private static string Binary()
    {
        var binary = Environment.GetEnvironmentVariable("CNFSIGNER_AOT") is { Length: > 0 } set
            ? set
            : Path.Combine(Repo, "artifacts", "aot", "cnfsigner");
        if (!File.Exists(binary)) Assert.Ignore($"no native binary: set CNFSIGNER_AOT or publish to {binary}");
        return binary;
    }

    /// <summary>easy-rsa 3.2 and 3.1, CA.pl and the tutorial (tests/clients/run.sh): the native binary runs each flow
    /// where libssl, libcrypto and the openssl program cannot be used; outside, the same flow under the real openssl
    /// gives every step's expected exit code, and the real openssl judges the results.</summary>
    [TestCase("easyrsa-3.2")]
    [TestCase("easyrsa-3.1")]
    [TestCase("capl")]
    [TestCase("tutorial")]
    public void The_native_binary_runs_a_client_without_libssl_or_libcrypto(string client) =>
        Commands.ClientFlowTests.RunScript(client, Binary(), withoutOpenSsl: true);

    [Test]
    public void The_native_binary_runs_the_seed_workflow_without_libssl_or_libcrypto()
    {
        var binary = Binary();

        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(Repo, "tests", "aot", "run-without-openssl.sh"));
        info.ArgumentList.Add(binary);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var output = stdout + stderr.Result;

        if (process.ExitCode == 77) Assert.Ignore(output);
        process.ExitCode.ShouldBe(0, output);
        output.ShouldContain("inside: openssl version fails");
        output.ShouldContain("PASS: seed workflow");
    }
}
