namespace CnfSigner.Cli.Tests.Hardening;

/// <summary>The corpus, continued: the database files, options, pass phrases and output paths.</summary>
public static partial class BadInputCorpus
{
    private const string Row = "V\t301231235959Z\t\t01\tunknown\t/O=Cockroach/CN=node\n";

    public static IEnumerable<BadInput> Database()
    {
        BadInput Index(string name, string message, string content) =>
            new($"index/{name}", Sign, 1, message) { Files = [Plant("index.txt", content)] };
        yield return Index("five_fields", "Problem with index file: index.txt", "V\t301231235959Z\t\t01\tunknown\n");
        yield return Index("seven_fields", "Problem with index file: index.txt", "V\t301231235959Z\t\t01\tunknown\t/CN=x\textra\n");
        yield return Index("bad_serial_char", "bad char", "V\t301231235959Z\t\t0G\tunknown\t/CN=x\n");
        yield return Index("odd_serial", "bad serial number length", "V\t301231235959Z\t\t1\tunknown\t/CN=x\n");
        yield return Index("empty_serial", "bad serial number length", "V\t301231235959Z\t\t\tunknown\t/CN=x\n");
        yield return Index("bad_expiry", "invalid expiry date", "V\t3012312359Zx\t\t01\tunknown\t/CN=x\n");
        yield return Index("revocation_date_on_valid_row", "not revoked yet, but has a revocation date", "V\t301231235959Z\t240101000000Z\t01\tunknown\t/CN=x\n");
        yield return Index("revoked_bad_date", "in entry 1", "R\t301231235959Z\tyesterday\t01\tunknown\t/CN=x\n");
        yield return Index("revoked_unknown_reason", "in entry 1", "R\t301231235959Z\t240101000000Z,becauseISaidSo\t01\tunknown\t/CN=x\n");
        yield return Index("duplicate_serial", "Error creating serial number index", Row + "V\t301231235959Z\t\t0001\tunknown\t/CN=other\n");
        yield return Index("binary", "Problem with index file: index.txt", System.Text.Encoding.Latin1.GetString(Random(3000, 14)));
        yield return Index("oversized_line", "Problem with index file: index.txt", new string('x', 4 << 20) + "\n");
        yield return new("index/missing", Sign, 1, "Problem with index file: index.txt") { Files = [Delete("index.txt")] };
        yield return new("index/revoke_with_bad_index", Revoke, 1, "Problem with index file") { Files = [Plant("index.txt", "garbage\n")] };
        yield return new("index/gencrl_with_bad_index", GenCrl, 1, "bad serial number length") { Files = [Plant("index.txt", "R\t301231235959Z\t240101000000Z\t1\tunknown\t/CN=x\n")] };

        BadInput Serial(string name, string message, string content) =>
            new($"serial/{name}", Sign, 1, message) { Files = [Plant("serial.txt", content)] };
        yield return Serial("empty", "error while loading serial number", "");
        yield return Serial("not_hex", "error while loading serial number", "zz\n");
        yield return Serial("odd_digits", "odd number of chars", "123\n");
        yield return Serial("binary", "error while loading serial number", System.Text.Encoding.Latin1.GetString(Random(64, 15)));
        yield return Serial("already_issued", "already", "01\n");
        yield return new("serial/missing", Sign, 1, "serial.txt: No such file or directory") { Files = [Delete("serial.txt")] };
        yield return new("serial/gencrl_bad_crlnumber", GenCrl, 1, "error while loading CRL number")
            { Files = [Plant("ca.cnf", File.ReadAllText(Path.Combine(Root, "configs", "ca.cnf")).Replace("serial = serial.txt", "serial = serial.txt\ncrlnumber = crlnumber.txt")), Plant("crlnumber.txt", "nothex\n")] };
    }

    public static IEnumerable<BadInput> Options()
    {
        yield return new("options/ca_unknown", With(Sign, "-bogus"), 1, "Unknown option");
        yield return new("options/ca_missing_value", [.. Sign[..^1]], 1, "needs a value");
        yield return new("options/ca_days_not_a_number", With(Sign, "-days", "abc"), 1, "Can't parse \"abc\" as a number");
        yield return new("options/ca_days_overflow", With(Sign, "-days", "99999999999999999999"), 1, "Can't parse");
        yield return new("options/ca_days_past_9999", With(Sign, "-days", "999999999"), 1, "past the year 9999");
        yield return new("options/ca_default_days_past_9999", Sign, 1, "past the year 9999")
            { Files = [Plant("ca.cnf", File.ReadAllText(Path.Combine(Root, "configs", "ca.cnf")).Replace("default_days = 365", "default_days = 999999999"))] };
        yield return new("options/ca_md_unknown", With(Sign, "-md", "nosuch"), 1, "nosuch is an unsupported message digest type");
        yield return new("options/ca_startdate_garbage", With(Sign, "-startdate", "garbage"), 1, "start date is invalid");
        yield return new("options/ca_enddate_month_13", With(Sign, "-enddate", "99991399000000Z"), 1, "end date is invalid");
        yield return new("options/ca_subj_without_slash", With(Sign, "-subj", "CN=x"), 1, "This name is not in that format");
        yield return new("options/ca_subj_missing_equals", With(Sign, "-subj", "/CN"), 1, "Missing '='");
        yield return new("options/ca_crldays_past_9999", With(GenCrl, "-crldays", "999999999"), 1, "error setting CRL nextUpdate");
        yield return new("options/req_newkey_not_rsa_bits", ["req", "-new", "-newkey", "rsa:abc", "-nodes", "-subj", "/CN=x", "-keyout", "new.key", "-out", "new.csr"], 1, "Cannot open parameter file abc");
        yield return new("options/req_x509_days_past_9999", ["req", "-new", "-x509", "-key", "node.key", "-subj", "/CN=x", "-days", "999999999", "-out", "new.crt"], 1, "past the year 9999");
        yield return new("options/x509_req_days_past_9999", With(X509Sign, "-days", "999999999"), 1, "past the year 9999");
        yield return new("options/x509_set_serial_not_a_number", Replace(X509Sign, "-set_serial", "0xZZ"), 1, "Use -help for summary");
        yield return new("options/genrsa_bits_not_a_number", ["genrsa", "-out", "new.key", "abc"], 1, "abc");
        yield return new("options/genrsa_bits_out_of_range", ["genrsa", "-out", "new.key", "99999999999999"], 1, "outside integer range");
        yield return new("options/genrsa_unknown_cipher", ["genrsa", "-nosuchcipher", "-out", "new.key", "2048"], 1, "nosuchcipher");
        yield return new("options/verify_attime_garbage", ["verify", "-attime", "abc", "-CAfile", "ca.crt", "node.crt"], 1, "abc");
        yield return new("options/crl_dateopt_garbage", ["crl", "-in", "ca.crl", "-noout", "-dateopt", "nope"], 1, "Invalid date format: nope");
        yield return new("options/conf_missing", ["conf", "-in", "nosuch.cnf"], 1, "nosuch.cnf");
        yield return new("options/unknown_command", ["nosuchcommand"], 1, "Invalid command 'nosuchcommand'");
    }

    public static IEnumerable<BadInput> Passphrases()
    {
        BadInput Pass(string name, string passin, string message) =>
            new($"passphrase/{name}", With(Replace(Sign, "-keyfile", "enc.key"), "-passin", passin), 1, message);
        yield return Pass("unknown_scheme", "nosuch:x", "Invalid password argument");
        yield return Pass("file_missing", "file:nosuch.txt", "Can't open file nosuch.txt");
        yield return Pass("file_is_directory", "file:certs", "Error getting password");
        yield return Pass("file_empty", "file:empty.txt", "Error reading password from BIO") with { Files = [Plant("empty.txt", "")] };
        yield return Pass("env_unset", "env:CNFSIGNER_SURELY_UNSET", "No environment variable CNFSIGNER_SURELY_UNSET");
        yield return Pass("fd_not_open", "fd:987", "Error reading password from BIO");
        yield return Pass("fd_not_a_number", "fd:abc", "Error reading password from BIO");
        yield return Pass("stdin_empty", "stdin", "Error reading password from BIO");
        yield return Pass("stdin_wrong", "stdin", "Could not read CA private key") with { Stdin = "wrong\n" };
        yield return Pass("oversized", "pass:" + new string('p', 1 << 20), "Could not read CA private key");
        yield return new("passphrase/genrsa_passout_unknown_scheme", ["genrsa", "-aes256", "-passout", "nosuch:x", "-out", "new.key", "1024"], 1, "Invalid password argument");
        yield return new("passphrase/genrsa_passout_file_missing", ["genrsa", "-aes256", "-passout", "file:nosuch.txt", "-out", "new.key", "1024"], 1, "Can't open file nosuch.txt");
    }

    public static IEnumerable<BadInput> Outputs()
    {
        yield return new("output/ca_out_in_missing_directory", Replace(Sign, "-out", "nodir/new.crt"), 1, "No such file or directory");
        yield return new("output/ca_out_is_directory", Replace(Sign, "-out", "certs"), 1, "Is a directory");
        yield return new("output/ca_outdir_missing", Replace(Sign, "-outdir", "nodir/"), 1, "nodir");
        yield return new("output/ca_out_symlink_loop", Sign, 1, "new.crt") { Files = [Link("new.crt", "loop.crt"), Link("loop.crt", "new.crt")] };
        yield return new("output/ca_out_symlink_into_missing_directory", Sign, 1, "No such file or directory") { Files = [Link("new.crt", "nodir/x.crt")] };
        yield return new("output/ca_out_symlink_to_directory", Sign, 1, "Is a directory") { Files = [Link("new.crt", "certs")] };
        yield return new("output/genrsa_out_symlink_loop", ["genrsa", "-out", "new.key", "1024"], 1, "new.key") { Files = [Link("new.key", "loop.key"), Link("loop.key", "new.key")] };
        yield return new("output/genrsa_out_is_directory", ["genrsa", "-out", "certs", "1024"], 1, "Is a directory");
        yield return new("output/req_keyout_in_missing_directory", ["req", "-new", "-newkey", "rsa:1024", "-nodes", "-subj", "/CN=x", "-keyout", "nodir/new.key", "-out", "new.csr"], 1, "nodir/new.key");
        yield return new("output/req_out_is_directory", Replace(ReqNew, "-out", "certs"), 1, "Is a directory");
        yield return new("output/gencrl_out_in_missing_directory", Replace(GenCrl, "-out", "nodir/new.crl"), 1, "No such file or directory");
        yield return new("output/x509_out_symlink_loop", X509Sign, 1, "new.crt") { Files = [Link("new.crt", "loop.crt"), Link("loop.crt", "new.crt")] };
    }
}
