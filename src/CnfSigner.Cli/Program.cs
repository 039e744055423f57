namespace CnfSigner.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        using var stdout = Console.OpenStandardOutput();
        var stderr = new StreamWriter(Console.OpenStandardError()) { AutoFlush = true };
        var terminal = new Terminal(Console.In, stdout, stderr, TimeProvider.System);
        return Cli.Run(args, terminal);
    }
}
