using CnfSigner.Pki.Ca;

namespace CnfSigner.Pki.Tests.Ca;

/// <summary>apps/ca.c unpack_revinfo() and make_revocation_str(), rule by rule (observed with openssl 3.0.19).</summary>
public class RevocationInfoTests
{
    [TestCase("261125143111Z", null, null, null, TestName = "date_only_has_no_reason")]
    [TestCase("261125143111Z,unspecified", 0, null, null, TestName = "unspecified_is_reason_0")]
    [TestCase("261125143111Z,KEYCOMPROMISE", 1, null, null, TestName = "reason_names_match_without_case")]
    [TestCase("261125143111Z,certificateHold", 6, null, null, TestName = "certificate_hold_without_instruction")]
    [TestCase("261125143111Z,removeFromCRL", 8, null, null, TestName = "remove_from_crl_is_reason_8")]
    [TestCase("261125143111Z,holdInstruction,holdInstructionReject", 6, "1.2.840.10040.2.3", null, TestName = "hold_instruction_by_name")]
    [TestCase("261125143111Z,holdInstruction,CN", 6, "2.5.4.3", null, TestName = "hold_instruction_any_object")]
    [TestCase("261125143111Z,keyTime,20240101000000Z", 1, null, "20240101000000Z", TestName = "key_time_is_key_compromise")]
    [TestCase("2611251431+0130,CAkeyTime,20240101000000.5-0100", 2, null, "20240101000000.5-0100", TestName = "ca_key_time_kept_as_written")]
    public void Parse(string text, int? reason, string? hold, string? invalidity)
    {
        var info = RevocationInfo.Parse(text);
        info.ReasonCode.ShouldBe(reason);
        info.HoldInstruction?.Id.ShouldBe(hold);
        if (hold == null) info.HoldInstruction.ShouldBeNull();
        info.InvalidityDate.ShouldBe(invalidity);
    }

    [TestCase("2611251431111Z", "invalid revocation date 2611251431111Z", TestName = "generalized_revocation_date_is_refused")]
    [TestCase("261125143111Z,bogus", "invalid reason code bogus", TestName = "unknown_reason")]
    [TestCase("261125143111Z,holdInstruction", "missing hold instruction", TestName = "hold_without_instruction")]
    [TestCase("261125143111Z,holdInstruction,bogus", "invalid object identifier bogus", TestName = "hold_not_an_object")]
    [TestCase("261125143111Z,keyTime", "missing compromised time", TestName = "key_time_without_time")]
    [TestCase("261125143111Z,CAkeyTime,202401010000.5Z", "invalid compromised time 202401010000.5Z", TestName = "fraction_needs_seconds")]
    public void Parse_fails(string text, string message) =>
        Should.Throw<CnfSignerException>(() => RevocationInfo.Parse(text)).Message.ShouldBe(message);

    private static readonly DateTime Now = new(2026, 11, 25, 14, 31, 11, DateTimeKind.Utc);

    [TestCase(null, null, "261125143111Z", TestName = "make_without_reason")]
    [TestCase("crl_reason", "cacompromise", "261125143111Z,CACompromise", TestName = "make_reason_in_canonical_spelling")]
    [TestCase("crl_hold", "1.2.3", "261125143111Z,holdInstruction,1.2.3", TestName = "make_hold_keeps_argument")]
    [TestCase("crl_CA_compromise", "202401010000Z", "261125143111Z,CAkeyTime,202401010000Z", TestName = "make_compromise_without_seconds")]
    public void Make(string? option, string? argument, string expected) =>
        RevocationInfo.Make(new Revocation(option, argument), Now).ShouldBe(expected);

    [TestCase("crl_reason", "holdInstruction", "Unknown CRL reason holdInstruction", TestName = "make_refuses_pseudo_reason")]
    [TestCase("crl_compromise", "20240230000000Z", "Invalid time format 20240230000000Z. Need YYYYMMDDHHMMSSZ", TestName = "make_refuses_day_outside_month")]
    public void Make_fails(string option, string argument, string first) =>
        Should.Throw<CnfSignerException>(() => RevocationInfo.Make(new Revocation(option, argument), Now)).Message
            .ShouldBe(first + "\nError in revocation arguments");
}
