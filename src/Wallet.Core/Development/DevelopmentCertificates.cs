using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Wallet.Core.Jose;
using Wallet.Core.Trust;

namespace Wallet.Core.Development;

/// <summary>
/// Creates throw-away P-256 certificates for development, demos and tests: an IACA-style root CA, an optional
/// intermediate CA, and end-entity signing certificates for an mdoc document signer, an SD-JWT VC issuer and a
/// Status List Token signer, plus PEM export and import.
/// </summary>
/// <remarks>
/// <para>
/// <b>For development and tests only.</b> Keys are generated in memory and exportable; nothing here follows an
/// issuance policy, and the profiles are a subset of ISO/IEC 18013-5 Annex B (no issuer alternative name, no
/// mandatory CRL distribution point). A production issuer obtains its certificates from its PKI.
/// </para>
/// <para>
/// Times come from the caller (<c>notBefore</c>), so a <see cref="TimeProvider"/> drives them:
/// pass <c>timeProvider.GetUtcNow()</c>. An issued certificate's validity must lie inside its issuer's, and the issuer
/// must hold its private key; otherwise the platform throws <see cref="ArgumentException"/>.
/// </para>
/// </remarks>
public static class DevelopmentCertificates
{
    /// <summary>The country code used when none is given: <c>XX</c>, a user-assigned ISO 3166-1 code that names no real country.</summary>
    public const string DefaultCountry = "XX";

    private const string CountryOid = "2.5.4.6";

    /// <summary>Default validity of a root CA: 5 years.</summary>
    public static TimeSpan DefaultRootValidity { get; } = TimeSpan.FromDays(5 * 365);

    /// <summary>Default validity of an intermediate CA: 3 years.</summary>
    public static TimeSpan DefaultIntermediateValidity { get; } = TimeSpan.FromDays(3 * 365);

    /// <summary>Default validity of an end-entity certificate: 1 year.</summary>
    public static TimeSpan DefaultEndEntityValidity { get; } = TimeSpan.FromDays(365);

    /// <summary>
    /// Creates a self-signed root CA in the style of an ISO/IEC 18013-5 IACA: P-256, subject with CN and C,
    /// basicConstraints cA=TRUE with a path length constraint, keyUsage keyCertSign and cRLSign (both critical).
    /// </summary>
    /// <param name="notBefore">Start of validity, e.g. <c>timeProvider.GetUtcNow()</c>.</param>
    /// <param name="commonName">Subject CN.</param>
    /// <param name="country">Subject C, two letters.</param>
    /// <param name="validity">Length of validity; <see cref="DefaultRootValidity"/> when null.</param>
    /// <param name="pathLength">How many intermediate CAs may follow: 0 (end entities only, as an IACA) or more.</param>
    /// <returns>The certificate with its private key.</returns>
    public static X509Certificate2 CreateRootCa(
        DateTimeOffset notBefore,
        string commonName = "Wallet Development IACA",
        string country = DefaultCountry,
        TimeSpan? validity = null,
        int pathLength = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pathLength);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Name(commonName, country), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, pathLength, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(notBefore, notBefore + (validity ?? DefaultRootValidity));
    }

    /// <summary>Issues an intermediate CA (basicConstraints cA=TRUE, pathLenConstraint 0; keyCertSign and cRLSign).</summary>
    /// <param name="issuer">The issuing CA, with its private key.</param>
    /// <param name="notBefore">Start of validity.</param>
    /// <param name="commonName">Subject CN; the subject C is copied from the issuer.</param>
    /// <param name="validity">Length of validity; <see cref="DefaultIntermediateValidity"/> when null.</param>
    /// <param name="crlDistributionPoint">An http URL where the issuer's CRL is published, if any.</param>
    /// <returns>The certificate with its private key.</returns>
    public static X509Certificate2 CreateIntermediateCa(
        X509Certificate2 issuer,
        DateTimeOffset notBefore,
        string commonName = "Wallet Development Intermediate CA",
        TimeSpan? validity = null,
        Uri? crlDistributionPoint = null) =>
        Issue(
            issuer,
            commonName,
            notBefore,
            validity ?? DefaultIntermediateValidity,
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign,
            extendedKeyUsage: null,
            isCa: true,
            crlDistributionPoint);

    /// <summary>Issues an mdoc document signer: keyUsage digitalSignature, critical EKU 1.0.18013.5.1.2 (ISO/IEC 18013-5 Annex B).</summary>
    /// <param name="issuer">The issuing CA (the IACA), with its private key.</param>
    /// <param name="notBefore">Start of validity.</param>
    /// <param name="commonName">Subject CN; the subject C is copied from the issuer.</param>
    /// <param name="validity">Length of validity; <see cref="DefaultEndEntityValidity"/> when null.</param>
    /// <param name="crlDistributionPoint">An http URL where the issuer's CRL is published, if any.</param>
    /// <returns>The certificate with its private key.</returns>
    public static X509Certificate2 CreateDocumentSigner(
        X509Certificate2 issuer,
        DateTimeOffset notBefore,
        string commonName = "Wallet Development Document Signer",
        TimeSpan? validity = null,
        Uri? crlDistributionPoint = null) =>
        CreateSigner(issuer, notBefore, commonName, validity, CertificateUsage.MdocDocumentSigner.RequiredExtendedKeyUsage, crlDistributionPoint);

    /// <summary>Issues a signing certificate (keyUsage digitalSignature), e.g. for an SD-JWT VC issuer, a wallet provider or a verifier.</summary>
    /// <param name="issuer">The issuing CA, with its private key.</param>
    /// <param name="notBefore">Start of validity.</param>
    /// <param name="commonName">Subject CN; the subject C is copied from the issuer.</param>
    /// <param name="validity">Length of validity; <see cref="DefaultEndEntityValidity"/> when null.</param>
    /// <param name="extendedKeyUsage">An EKU OID to add (critical), or null for none.</param>
    /// <param name="crlDistributionPoint">An http URL where the issuer's CRL is published, if any.</param>
    /// <returns>The certificate with its private key.</returns>
    public static X509Certificate2 CreateSigner(
        X509Certificate2 issuer,
        DateTimeOffset notBefore,
        string commonName = "Wallet Development Issuer",
        TimeSpan? validity = null,
        string? extendedKeyUsage = null,
        Uri? crlDistributionPoint = null) =>
        Issue(issuer, commonName, notBefore, validity ?? DefaultEndEntityValidity, X509KeyUsageFlags.DigitalSignature, extendedKeyUsage, isCa: false, crlDistributionPoint);

    /// <summary>
    /// Issues an OpenID4VP request signing certificate for a verifier (keyUsage digitalSignature) with a dNSName
    /// subjectAltName, so that both <c>x509_san_dns:&lt;dnsName&gt;</c> and <c>x509_hash</c> Client Identifiers can be
    /// bound to it (OpenID4VP 1.0 §5.9.3).
    /// </summary>
    /// <param name="issuer">The issuing CA, with its private key.</param>
    /// <param name="notBefore">Start of validity.</param>
    /// <param name="dnsName">The DNS name of the verifier, put in the subjectAltName.</param>
    /// <param name="commonName">Subject CN; the subject C is copied from the issuer.</param>
    /// <param name="validity">Length of validity; <see cref="DefaultEndEntityValidity"/> when null.</param>
    /// <returns>The certificate with its private key.</returns>
    public static X509Certificate2 CreateVerifierRequestSigner(
        X509Certificate2 issuer,
        DateTimeOffset notBefore,
        string dnsName,
        string commonName = "Wallet Development Verifier",
        TimeSpan? validity = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dnsName);
        return Issue(issuer, commonName, notBefore, validity ?? DefaultEndEntityValidity, X509KeyUsageFlags.DigitalSignature, extendedKeyUsage: null, isCa: false, crlDistributionPoint: null, dnsName);
    }

    /// <summary>
    /// Issues a Status List Token signer (keyUsage digitalSignature). draft-ietf-oauth-status-list §10 defines an EKU
    /// whose OID is not yet assigned, so none is added.
    /// </summary>
    /// <param name="issuer">The issuing CA, with its private key.</param>
    /// <param name="notBefore">Start of validity.</param>
    /// <param name="commonName">Subject CN; the subject C is copied from the issuer.</param>
    /// <param name="validity">Length of validity; <see cref="DefaultEndEntityValidity"/> when null.</param>
    /// <param name="crlDistributionPoint">An http URL where the issuer's CRL is published, if any.</param>
    /// <returns>The certificate with its private key.</returns>
    public static X509Certificate2 CreateStatusListSigner(
        X509Certificate2 issuer,
        DateTimeOffset notBefore,
        string commonName = "Wallet Development Status List Signer",
        TimeSpan? validity = null,
        Uri? crlDistributionPoint = null) =>
        CreateSigner(issuer, notBefore, commonName, validity, CertificateUsage.StatusListSigner.RequiredExtendedKeyUsage, crlDistributionPoint);

    /// <summary>Creates a DER CRL signed by <paramref name="issuer"/> listing <paramref name="revoked"/> (RFC 5280 §5).</summary>
    /// <param name="issuer">The CA that issued the revoked certificates, with its private key.</param>
    /// <param name="revoked">The certificates to list as revoked at <paramref name="thisUpdate"/>.</param>
    /// <param name="thisUpdate">Issue time of the CRL.</param>
    /// <param name="validity">Time until nextUpdate; 7 days when null.</param>
    /// <param name="crlNumber">The CRL number.</param>
    /// <returns>The DER-encoded CRL.</returns>
    public static byte[] CreateRevocationList(X509Certificate2 issuer, IEnumerable<X509Certificate2> revoked, DateTimeOffset thisUpdate, TimeSpan? validity = null, long crlNumber = 1)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(revoked);
        var builder = new CertificateRevocationListBuilder();
        foreach (var certificate in revoked)
        {
            builder.AddEntry(certificate, thisUpdate, X509RevocationReason.KeyCompromise);
        }

        return builder.Build(issuer, new BigInteger(crlNumber), thisUpdate + (validity ?? TimeSpan.FromDays(7)), HashAlgorithmName.SHA256, thisUpdate: thisUpdate);
    }

    /// <summary>The certificate as PEM (<c>-----BEGIN CERTIFICATE-----</c>).</summary>
    public static string ExportCertificatePem(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.ExportCertificatePem();
    }

    /// <summary>The certificate's EC private key as unencrypted PKCS#8 PEM (<c>-----BEGIN PRIVATE KEY-----</c>).</summary>
    /// <exception cref="ArgumentException">The certificate has no EC private key.</exception>
    public static string ExportPrivateKeyPem(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var key = certificate.GetECDsaPrivateKey() ?? throw new ArgumentException("The certificate has no EC private key.", nameof(certificate));
        return key.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>Reads a certificate PEM and, when given, its PKCS#8 EC private key PEM.</summary>
    /// <exception cref="ArgumentException">The PEM holds no certificate, or the key does not match the certificate.</exception>
    /// <exception cref="CryptographicException">The certificate or key is malformed.</exception>
    public static X509Certificate2 ImportPem(string certificatePem, string? privateKeyPem = null)
    {
        ArgumentNullException.ThrowIfNull(certificatePem);
        var fields = PemEncoding.Find(certificatePem);
        if (!certificatePem.AsSpan()[fields.Label].SequenceEqual("CERTIFICATE"))
        {
            throw new ArgumentException("The first PEM block is not a CERTIFICATE.", nameof(certificatePem));
        }

        var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(certificatePem[fields.Base64Data]));
        if (privateKeyPem is null)
        {
            return certificate;
        }

        using (certificate)
        using (var key = ECDsa.Create())
        {
            key.ImportFromPem(privateKeyPem);
            return certificate.CopyWithPrivateKey(key);
        }
    }

    /// <summary>A <see cref="SigningKey"/> for the leaf's private key, carrying the chain (leaf, then intermediates; never the root).</summary>
    /// <remarks>
    /// The same as <see cref="SigningKey.FromCertificate"/>, which production code calls directly. The key is a new
    /// <see cref="ECDsa"/> instance; the caller disposes <see cref="SigningKey.Key"/>.
    /// </remarks>
    /// <param name="leaf">The signing certificate with its private key.</param>
    /// <param name="intermediates">Intermediate CA certificates, closest to the leaf first.</param>
    /// <param name="keyId">Optional <c>kid</c>.</param>
    /// <exception cref="ArgumentException">The leaf has no EC private key.</exception>
    public static SigningKey ToSigningKey(X509Certificate2 leaf, IReadOnlyList<X509Certificate2>? intermediates = null, string? keyId = null) =>
        SigningKey.FromCertificate(leaf, intermediates, keyId);

    private static X509Certificate2 Issue(
        X509Certificate2 issuer,
        string commonName,
        DateTimeOffset notBefore,
        TimeSpan validity,
        X509KeyUsageFlags keyUsage,
        string? extendedKeyUsage,
        bool isCa,
        Uri? crlDistributionPoint,
        string? dnsName = null)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Name(commonName, Country(issuer)), key, HashAlgorithmName.SHA256);
        if (isCa)
        {
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        }

        request.CertificateExtensions.Add(new X509KeyUsageExtension(keyUsage, true));
        if (extendedKeyUsage is not null)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(extendedKeyUsage)], true));
        }

        if (dnsName is not null)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName(dnsName);
            request.CertificateExtensions.Add(san.Build());
        }

        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        if (crlDistributionPoint is not null)
        {
            request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([crlDistributionPoint.AbsoluteUri]));
        }

        var serial = RandomNumberGenerator.GetBytes(16);

        // A positive INTEGER: clear the sign bit (RFC 5280 §4.1.2.2).
        serial[0] &= 0x7F;
        using var certificate = request.Create(issuer, notBefore, notBefore + validity, serial);
        return certificate.CopyWithPrivateKey(key);
    }

    private static X500DistinguishedName Name(string commonName, string? country)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(commonName);
        // The builder encodes in reverse order of the calls; this gives the encoding order of the
        // ISO/IEC 18013-5 Annex D certificates: CN, then C.
        var builder = new X500DistinguishedNameBuilder();
        if (country is not null)
        {
            builder.AddCountryOrRegion(country);
        }

        builder.AddCommonName(commonName);
        return builder.Build();
    }

    private static string? Country(X509Certificate2 issuer)
    {
        foreach (var rdn in issuer.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            if (!rdn.HasMultipleElements && rdn.GetSingleElementType().Value == CountryOid)
            {
                return rdn.GetSingleElementValue();
            }
        }

        return null;
    }
}
