using System.Text;
using CnfSigner.Pki.Text;
using CnfSigner.Pki.Verify;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;

namespace CnfSigner.Pki.Ocsp;

/// <summary>
/// The end of apps/ocsp.c's client path: the trust store (-CAfile/-CApath), -verify_other/-VAfile, the nonce
/// check (OCSP_check_nonce), OCSP_basic_verify() (retried with the -issuer certificates trusted), and
/// print_ocsp_summary(): "NAME: good" with its times, per -cert/-serial.
/// </summary>
internal static class OcspClientCheck
{
    public static int Check(OcspCommandLine line, OcspResponse response, OcspRequest? request, OcspRequestItems built, OcspStreams io)
    {
        var (store, failure) = TrustSetup.Build(line.CaFile, line.NoCaFile, line.CaPath, line.NoCaPath);
        if (store == null) throw new CnfSignerException(failure!.Message);
        var others = line.VerifyOther == null ? [] : OcspRun.LoadCerts(line.VerifyOther, "validator certificate");
        var basic = OcspMessages.Basic(response) ?? throw new CnfSignerException("Error parsing response");
        var now = io.Clock.GetUtcNow();
        var exit = 0;
        if (!line.NoVerify)
        {
            if (request != null)
            {
                var nonce = CheckNonce(request, basic);
                if (nonce == -1) io.Err.Write("WARNING: no nonce in response\n");
                else if (nonce == 0)
                {
                    io.Err.Write("Nonce Verify error\n");
                    return 1;
                }
            }
            var error = OcspVerifier.Verify(basic, others, store, line.VerifyFlags, now);
            if (error != null && built.Issuers.Count > 0
                && OcspVerifier.Verify(basic, built.Issuers, store, OcspVerifyFlags.TrustOther, now) == null) error = null;
            if (error != null)
            {
                io.Err.Write($"Response Verify Failure\n{error}\n");
                exit = 1;
            }
            else io.Err.Write("Response verify OK\n");
        }
        if (request != null) io.Out(Summary(basic, built, line, now));
        return exit;
    }

    /// <summary>OCSP_check_nonce(): 2 neither has one, -1 only the request, 3 only the response, 1 equal, 0 different.</summary>
    private static int CheckNonce(OcspRequest request, BasicOcspResponse basic)
    {
        var asked = request.TbsRequest.RequestExtensions?.GetExtension(OcspMessages.NonceOid);
        var answered = basic.TbsResponseData.ResponseExtensions?.GetExtension(OcspMessages.NonceOid);
        if (asked == null) return answered == null ? 2 : 3;
        if (answered == null) return -1;
        return asked.Value.GetOctets().AsSpan().SequenceEqual(answered.Value.GetOctets()) ? 1 : 0;
    }

    /// <summary>print_ocsp_summary().</summary>
    private static string Summary(BasicOcspResponse basic, OcspRequestItems built, OcspCommandLine line, DateTimeOffset now)
    {
        var output = new StringBuilder();
        var singles = basic.TbsResponseData.Responses.Cast<Asn1Encodable>().Select(SingleResponse.GetInstance).ToList();
        for (var i = 0; i < built.Ids.Count; i++)
        {
            output.Append(built.Names[i]).Append(": ");
            var single = singles.FirstOrDefault(s => OcspMessages.SameId(s.CertId, built.Ids[i]));
            if (single == null)
            {
                output.Append("ERROR: No Status found.\n");
                continue;
            }
            if (ValidityError(single, line, now) is { } error) output.Append("WARNING: Status times invalid.\n").Append(error).Append('\n');
            var status = single.CertStatus;
            output.Append(OcspText.CertStatus(status.TagNo)).Append('\n');
            output.Append("\tThis Update: ").Append(Time(single.ThisUpdate)).Append('\n');
            if (single.NextUpdate != null) output.Append("\tNext Update: ").Append(Time(single.NextUpdate)).Append('\n');
            if (status.TagNo != 1) continue;
            var revoked = RevokedInfo.GetInstance(status.Status);
            if (revoked.RevocationReason != null)
                output.Append("\tReason: ").Append(OcspText.Reason(revoked.RevocationReason.IntValueExact)).Append('\n');
            output.Append("\tRevocation Time: ").Append(Time(revoked.RevocationTime)).Append('\n');
        }
        return output.ToString();
    }

    /// <summary>OCSP_check_validity(thisUpdate, nextUpdate, -validity_period, -status_age).</summary>
    private static string? ValidityError(SingleResponse single, OcspCommandLine line, DateTimeOffset now)
    {
        var thisUpdate = single.ThisUpdate.ToDateTime();
        if (thisUpdate > now.UtcDateTime.AddSeconds(line.ValidityPeriod)) return "status not yet valid";
        if (line.StatusAge >= 0 && thisUpdate < now.UtcDateTime.AddSeconds(-line.StatusAge)) return "status too old";
        if (single.NextUpdate == null) return null;
        var nextUpdate = single.NextUpdate.ToDateTime();
        if (nextUpdate < now.UtcDateTime.AddSeconds(-line.ValidityPeriod)) return "status expired";
        return nextUpdate < thisUpdate ? "nextupdate before thisupdate" : null;
    }

    private static string Time(Asn1GeneralizedTime time)
    {
        var content = Encoding.ASCII.GetBytes(time.TimeString);
        return AsnTime.Print(24, content) ?? "Bad time value";
    }
}
