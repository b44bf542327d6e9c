using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace Wallet.Core.Trust;

/// <summary>Reads the extensions and names the chain checks rely on, and formats certificates for messages.</summary>
internal static class CertificateFacts
{
    private const string BasicConstraintsOid = "2.5.29.19";
    private const string KeyUsageOid = "2.5.29.15";
    private const string ExtendedKeyUsageOid = "2.5.29.37";
    private const string SubjectKeyIdentifierOid = "2.5.29.14";
    private const string AuthorityKeyIdentifierOid = "2.5.29.35";

    /// <summary>Self-issued per RFC 5280 §3.3: subject and issuer are the same name, compared as encoded.</summary>
    public static bool IsSelfIssued(X509Certificate2 certificate) =>
        certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);

    public static bool IssuedBy(X509Certificate2 certificate, X509Certificate2 issuer) =>
        certificate.IssuerName.RawData.AsSpan().SequenceEqual(issuer.SubjectName.RawData);

    public static bool IsSelfSigned(X509Certificate2 certificate) =>
        IsSelfIssued(certificate) && CertificateSignature.Verify(certificate, certificate) == SignatureCheck.Valid;

    public static X509BasicConstraintsExtension? BasicConstraints(X509Certificate2 certificate) =>
        certificate.Extensions[BasicConstraintsOid] as X509BasicConstraintsExtension;

    public static bool IsCa(X509Certificate2 certificate) => BasicConstraints(certificate)?.CertificateAuthority == true;

    public static X509KeyUsageFlags? KeyUsage(X509Certificate2 certificate) =>
        (certificate.Extensions[KeyUsageOid] as X509KeyUsageExtension)?.KeyUsages;

    public static bool HasKeyUsage(X509Certificate2 certificate, X509KeyUsageFlags flag) =>
        KeyUsage(certificate) is { } usages && (usages & flag) == flag;

    public static IReadOnlyList<string>? ExtendedKeyUsages(X509Certificate2 certificate)
    {
        if (certificate.Extensions[ExtendedKeyUsageOid] is not X509EnhancedKeyUsageExtension eku)
        {
            return null;
        }

        var oids = new List<string>();
        foreach (var oid in eku.EnhancedKeyUsages)
        {
            if (oid.Value is { } value)
            {
                oids.Add(value);
            }
        }

        return oids;
    }

    public static string? SubjectKeyId(X509Certificate2 certificate) =>
        (certificate.Extensions[SubjectKeyIdentifierOid] as X509SubjectKeyIdentifierExtension)?.SubjectKeyIdentifier;

    public static string? AuthorityKeyId(X509Certificate2 certificate) =>
        certificate.Extensions[AuthorityKeyIdentifierOid] is X509AuthorityKeyIdentifierExtension { KeyIdentifier: { } id }
            ? Convert.ToHexString(id.Span)
            : null;

    public static DateTimeOffset NotBefore(X509Certificate2 certificate) => new(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);

    public static DateTimeOffset NotAfter(X509Certificate2 certificate) => new(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);

    public static string Time(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Window(X509Certificate2 certificate) => $"valid from {Time(NotBefore(certificate))} to {Time(NotAfter(certificate))}";

    /// <summary>Position and subject, e.g. <c>leaf certificate 'CN=utopia ds, C=US'</c>.</summary>
    public static string Describe(X509Certificate2 certificate, int index) => index switch
    {
        0 => $"leaf certificate '{certificate.Subject}'",
        _ => $"certificate #{index} '{certificate.Subject}'",
    };

    public static string Describe(TrustAnchor anchor) =>
        anchor.Name is null || anchor.Name == anchor.Certificate.Subject
            ? $"trust anchor '{anchor.Certificate.Subject}'"
            : $"trust anchor '{anchor.Name}' ('{anchor.Certificate.Subject}')";
}
