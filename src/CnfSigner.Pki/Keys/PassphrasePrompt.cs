namespace CnfSigner.Pki.Keys;

/// <summary>
/// OpenSSL's pass phrase prompts, for a key no -passin / -passout (or config password) covers. Writing asks twice
/// (crypto/pem/pem_lib.c PEM_def_callback() with verification); reading asks only when the file holds an encrypted
/// key (apps/lib/apps.c password_callback() through crypto/passphrase.c). The words, the limits and what fails
/// how are OpenSSL 3.0's, observed at a terminal; libcrypto's error stack is printed short ("reason: data").
/// </summary>
public static class PassphrasePrompt
{
    public const string NewKeyPrompt = "Enter PEM pass phrase:";
    private const int MinLength = 4;     // crypto/pem/pem_lib.c MIN_LENGTH
    private const int MaxLength = 1024;  // PEM_BUFSIZE, as UI_set_result_ex() reports it
    private const int ReadAttempts = 3;  // OpenSSL 3.0 asks three times when the answer is EOF or Ctrl-C

    private const string GetPasswordFailed = "problems getting password\ninterrupted or cancelled\nunable to get passphrase";
    private const string ProcessingError = "processing error: while reading strings";

    /// <summary>
    /// The pass phrase for a key about to be written encrypted: "Enter PEM pass phrase:", then "Verifying - ...".
    /// Fails (exit 1, nothing written) on end of input, Ctrl-C, fewer than 4 (none too) or more than 1024 characters, or a
    /// second answer that differs ("Verify failure").
    /// </summary>
    /// <param name="prompt">"Enter PEM pass phrase:" (PEM_def_callback), or the command's own words: rsa and ec ask
    /// "Enter pass phrase:", pkcs8 "Enter Encryption Password:".</param>
    public static string ForNewKey(IPassphraseConsole console, string prompt = NewKeyPrompt)
    {
        var first = Ask(console, prompt);
        var second = Ask(console, "Verifying - " + prompt);
        if (second == first) return first;
        console.Write("Verify failure\n");
        throw Failed(ProcessingError);
    }

    /// <summary>
    /// The pass phrase for an encrypted key read from <paramref name="source"/> (a file name) when none was given:
    /// "Enter pass phrase for SOURCE:". An empty answer is a pass phrase (which then fails to decrypt); end of input
    /// and Ctrl-C ask again, three times in all, then fail as "Could not read WHAT from SOURCE".
    /// <see cref="KeyReader.LoadPrivateKey"/> calls it when given a console.
    /// </summary>
    public static string ForEncryptedKey(string source, string what, IPassphraseConsole console)
    {
        var reason = "";
        for (var attempt = 0; attempt < ReadAttempts; attempt++)
        {
            try
            {
                if (console.ReadHidden($"Enter pass phrase for {source}:") is { } answer) return answer;
                reason = $"{ProcessingError}\nUI lib";
            }
            catch (PromptInterruptedException e)
            {
                reason = e.Message;
            }
        }
        throw new CnfSignerException($"Could not read {what} from {source}\nunsupported\n{reason}\nunable to get passphrase");
    }

    // crypto/ui/ui_lib.c UI_set_result_ex(): every answer, an empty one too, must have 4 to 1024 characters.
    private static string Ask(IPassphraseConsole console, string prompt)
    {
        string? answer;
        try
        {
            answer = console.ReadHidden(prompt);
        }
        catch (PromptInterruptedException)
        {
            throw Failed(null);
        }
        if (answer == null) throw Failed(ProcessingError);
        var limits = $"You must type in {MinLength} to {MaxLength} characters";
        if (answer.Length < MinLength) throw Failed($"result too small: {limits}\n{ProcessingError}");
        if (answer.Length > MaxLength) throw Failed($"result too large: {limits}\n{ProcessingError}");
        return answer;
    }

    private static CnfSignerException Failed(string? uiLines) =>
        new(uiLines == null ? GetPasswordFailed : $"{uiLines}\n{GetPasswordFailed}");
}
