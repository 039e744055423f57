using System.Diagnostics;

namespace CnfSigner.Cli.Tests;

/// <summary>Starts the real cnfsigner executable as a user runs it: the apphost built next to the test assembly,
/// else `dotnet cnfsigner.dll`. For tests that need a separate process (locks, kills, exit codes, file modes).</summary>
public static class Apphost
{
    public static Process Start(string workDir, params string[] args) => Start(workDir, null, args);

    /// <summary>The program and leading arguments that run cnfsigner (for wrapping in sh, runuser, unshare).</summary>
    public static string[] CommandLine()
    {
        var here = TestContext.CurrentContext.TestDirectory;
        var apphost = Path.Combine(here, "cnfsigner");
        return File.Exists(apphost) ? [apphost] : ["dotnet", Path.Combine(here, "cnfsigner.dll")];
    }

    public static Process Start(string workDir, IDictionary<string, string>? environment, params string[] args) =>
        StartProgram(workDir, environment, [.. CommandLine(), .. args]);

    /// <summary>Starts any program (the first element) with redirected streams and standard input closed.</summary>
    public static Process StartProgram(string workDir, IDictionary<string, string>? environment, params string[] commandLine)
    {
        var psi = new ProcessStartInfo(commandLine[0]);
        foreach (var a in commandLine[1..]) psi.ArgumentList.Add(a);
        psi.WorkingDirectory = workDir;
        psi.RedirectStandardError = psi.RedirectStandardOutput = psi.RedirectStandardInput = true;
        psi.UseShellExecute = false;
        if (environment != null)
            foreach (var (k, v) in environment) psi.Environment[k] = v;
        var process = Process.Start(psi)!;
        process.StandardInput.Close();
        return process;
    }

    /// <summary>Runs to the end and returns the exit code and both streams.</summary>
    public static RunResult Run(string workDir, params string[] args)
    {
        using var p = Start(workDir, args);
        return Finish(p);
    }

    /// <summary>Runs any program to the end (see <see cref="StartProgram"/>).</summary>
    public static RunResult RunProgram(string workDir, params string[] commandLine)
    {
        using var p = StartProgram(workDir, null, commandLine);
        return Finish(p);
    }

    public static RunResult Finish(Process p)
    {
        var err = p.StandardError.ReadToEndAsync();
        var ms = new MemoryStream();
        p.StandardOutput.BaseStream.CopyTo(ms);
        p.WaitForExit();
        var bytes = ms.ToArray();
        return new RunResult(p.ExitCode, System.Text.Encoding.UTF8.GetString(bytes), err.Result, bytes);
    }
}
