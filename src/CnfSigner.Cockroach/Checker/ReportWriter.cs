using System.Text;
using System.Text.Json;

namespace CnfSigner.Cockroach.Checker;

/// <summary>The checker's report as text (a `cockroach cert list` table, then each problem with its fix) or JSON.</summary>
public static class ReportWriter
{
    private static readonly string[] Headers = ["Usage", "Certificate File", "Key File", "Expires", "Notes", "Error"];

    public static string Text(CheckReport report)
    {
        var text = new StringBuilder();
        text.Append("Certificate directory: ").Append(report.Directory).Append('\n');
        AppendTable(text, report.Rows);
        if (report.Findings.Count > 0) text.Append('\n');
        foreach (var f in report.Findings)
        {
            text.Append(Word(f.Severity)).Append(": ").Append(f.File).Append(": ").Append(f.Message).Append('\n');
            if (f.Fix.Length > 0) text.Append("  fix: ").Append(f.Fix).Append('\n');
        }
        text.Append('\n').Append(Plural(report.Errors, "error")).Append(", ").Append(Plural(report.Warnings, "warning")).Append('\n');
        return text.ToString();
    }

    // The SQL shell's table format, which `cockroach cert list` prints on a terminal: left-aligned columns.
    private static void AppendTable(StringBuilder text, IReadOnlyList<ReportRow> rows)
    {
        var cells = rows.Select(r => new[] { r.Usage, r.CertificateFile, r.KeyFile, r.Expires, r.Notes, r.Error }).ToList();
        var widths = Headers.Select((h, i) => cells.Select(c => c[i].Length).Append(h.Length).Max()).ToArray();
        string Line(string[] values) => ("  " + string.Join(" | ", values.Select((v, i) => v.PadRight(widths[i])))).TrimEnd() + "\n";
        text.Append(Line(Headers));
        text.Append(string.Join("-+-", widths.Select(w => new string('-', w))).Insert(0, "--")).Append('\n');
        foreach (var row in cells) text.Append(Line(row));
        text.Append('(').Append(Plural(rows.Count, "row")).Append(")\n");
    }

    public static string Json(CheckReport report)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("directory", report.Directory);
            json.WriteNumber("errors", report.Errors);
            json.WriteNumber("warnings", report.Warnings);
            json.WriteStartArray("certificates");
            foreach (var r in report.Rows)
            {
                json.WriteStartObject();
                json.WriteString("usage", r.Usage);
                json.WriteString("certificateFile", r.CertificateFile);
                json.WriteString("keyFile", r.KeyFile);
                json.WriteString("expires", r.Expires);
                json.WriteString("notes", r.Notes);
                json.WriteString("error", r.Error);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("findings");
            foreach (var f in report.Findings)
            {
                json.WriteStartObject();
                json.WriteString("severity", Word(f.Severity));
                json.WriteString("file", f.File);
                json.WriteString("message", f.Message);
                json.WriteString("fix", f.Fix);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static string Word(Severity s) => s switch { Severity.Error => "error", Severity.Warning => "warning", _ => "note" };

    private static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";
}
