using CnfSigner.Pki.Names;
using Org.BouncyCastle.Asn1;

namespace CnfSigner.Pki.Extensions;

/// <summary>
/// crypto/x509/v3_conf.c do_ext_nconf(): the extension methods CnfSigner implements, by OpenSSL short name. A
/// "v2i" method takes a value list (or "@section"), an "s2i"/"r2i" method the value string itself.
/// </summary>
internal static class ExtensionEncoders
{
    private delegate Asn1Encodable ListMethod(List<ConfValue> values, BuildState state);

    private delegate Asn1Encodable StringMethod(string value, BuildState state);

    private static readonly Dictionary<string, ListMethod> ListMethods = new(StringComparer.Ordinal)
    {
        ["basicConstraints"] = (v, _) => BasicEncoders.BasicConstraints(v),
        ["keyUsage"] = (v, _) => BasicEncoders.KeyUsage(v),
        ["nsCertType"] = (v, _) => BasicEncoders.NsCertType(v),
        ["extendedKeyUsage"] = (v, _) => BasicEncoders.ExtendedKeyUsage(v),
        ["subjectAltName"] = GeneralNamesEncoder.SubjectAltName,
        ["issuerAltName"] = GeneralNamesEncoder.IssuerAltName,
        ["authorityKeyIdentifier"] = (v, s) => KeyIdentifiers.AuthorityKeyIdentifier(v, s.Context),
        ["nameConstraints"] = AccessAndConstraints.NameConstraints,
        ["crlDistributionPoints"] = CrlDistributionPoints.Encode,
        ["freshestCRL"] = CrlDistributionPoints.Encode,
        ["authorityInfoAccess"] = AccessAndConstraints.InfoAccess,
        ["subjectInfoAccess"] = AccessAndConstraints.InfoAccess,
        ["policyConstraints"] = (v, _) => BasicEncoders.PolicyConstraints(v),
    };

    private static readonly Dictionary<string, StringMethod> StringMethods = new(StringComparer.Ordinal)
    {
        ["subjectKeyIdentifier"] = (v, s) => KeyIdentifiers.SubjectKeyIdentifier(v, s.Context),
        ["certificatePolicies"] = CertificatePolicies.Encode,
        ["inhibitAnyPolicy"] = (v, _) => BasicEncoders.Integer(v),
        ["nsComment"] = (v, _) => BasicEncoders.Ia5(v),
        ["nsBaseUrl"] = (v, _) => BasicEncoders.Ia5(v),
        ["nsRevocationUrl"] = (v, _) => BasicEncoders.Ia5(v),
        ["nsCaRevocationUrl"] = (v, _) => BasicEncoders.Ia5(v),
        ["nsRenewalUrl"] = (v, _) => BasicEncoders.Ia5(v),
        ["nsCaPolicyUrl"] = (v, _) => BasicEncoders.Ia5(v),
        ["nsSslServerName"] = (v, _) => BasicEncoders.Ia5(v),
    };

    /// <summary>The dotted OID of an extension's short name (only valid after <see cref="Encode"/> succeeded).</summary>
    public static string Oid(string name) => ObjectNames.OidOfShortName(name)!;

    public static Asn1Encodable Encode(string name, string value, BuildState state)
    {
        // OBJ_sn2nid(): long names ("X509v3 Key Usage") are not extension names.
        if (!ObjectNames.IsShortName(name)) throw new X509V3Exception("unknown extension name");
        if (StringMethods.TryGetValue(name, out var stringMethod)) return stringMethod(value, state);
        if (!ListMethods.TryGetValue(name, out var listMethod)) throw new X509V3Exception("unknown extension");
        return listMethod(Values(name, value, state), state);
    }

    // "@section" names a section; anything else is a value list. Neither may be empty.
    private static List<ConfValue> Values(string name, string value, BuildState state)
    {
        List<ConfValue>? values;
        try
        {
            values = value.StartsWith('@') ? state.Section(value[1..]) : ValueList.Parse(value);
        }
        catch (X509V3Exception e)
        {
            throw e.Push("invalid extension string", $"name={name},section={value}");
        }
        if (values is null || values.Count == 0)
            throw new X509V3Exception("invalid extension string", $"name={name},section={value}");
        return values;
    }
}
