using CnfSigner.Pki.Keys;

namespace CnfSigner.Pki.Pkcs12;

/// <summary>
/// crypto/evp/evp_key.c EVP_read_pw_string() as apps/pkcs12.c uses it: "Enter Export Password:" (asked twice),
/// "Enter Import Password:", "Enter MAC Password:". Unlike the PEM prompt any length is taken, the empty answer too.
/// </summary>
internal static class Pkcs12Prompts
{
    private const int MaxLength = 2048; // apps/pkcs12.c PASSWD_BUF_SIZE

    public static string Ask(IPassphraseConsole console, string prompt, bool verify)
    {
        var first = Read(console, prompt);
        if (!verify) return first;
        var second = Read(console, "Verifying - " + prompt);
        if (second == first) return first;
        console.Write("Verify failure\n");
        throw new CnfSignerException("Can't read Password");
    }

    private static string Read(IPassphraseConsole console, string prompt)
    {
        try
        {
            var answer = console.ReadHidden(prompt) ?? throw new CnfSignerException("Can't read Password");
            return answer.Length > MaxLength ? throw new CnfSignerException("Can't read Password") : answer;
        }
        catch (PromptInterruptedException)
        {
            throw new CnfSignerException("Can't read Password");
        }
    }
}
