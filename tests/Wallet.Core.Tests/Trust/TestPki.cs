using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Wallet.Core.Development;
using Wallet.Core.Trust;

namespace Wallet.Core.Tests.Trust;

/// <summary>
/// Builds certificates for the trust tests, including deliberately broken ones that
/// <see cref="DevelopmentCertificates"/> (rightly) refuses to make.
/// </summary>
internal static class TestPki
{
    /// <summary>The validation time of the generated-certificate tests.</summary>
    public static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    public static X509Certificate2 Root(string commonName = "Test Root CA", int pathLength = 1, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        var start = notBefore ?? Now.AddYears(-1);
        return DevelopmentCertificates.CreateRootCa(start, commonName, "XX", (notAfter ?? Now.AddYears(5)) - start, pathLength);
    }

    /// <summary>Issues a certificate signed by <paramref name="issuer"/>'s key without any of the platform's sanity checks.</summary>
    public static X509Certificate2 Issue(
        X509Certificate2 issuer,
        string commonName,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? notAfter = null,
        bool? ca = null,
        int? pathLength = null,
        X509KeyUsageFlags? keyUsage = X509KeyUsageFlags.DigitalSignature,
        string[]? extendedKeyUsages = null,
        X500DistinguishedName? subject = null,
        IEnumerable<X509Extension>? extraExtensions = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject ?? new X500DistinguishedName($"CN={commonName}, C=XX"), key, HashAlgorithmName.SHA256);
        if (ca is { } isCa)
        {
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(isCa, pathLength is not null, pathLength ?? 0, true));
        }

        if (keyUsage is { } usage)
        {
            request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        }

        if (extendedKeyUsages is not null)
        {
            var oids = new OidCollection();
            foreach (var eku in extendedKeyUsages)
            {
                oids.Add(new Oid(eku));
            }

            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(oids, true));
        }

        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        if (issuer.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Any())
        {
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        }

        foreach (var extension in extraExtensions ?? [])
        {
            request.CertificateExtensions.Add(extension);
        }

        using var issuerKey = issuer.GetECDsaPrivateKey()!;
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        using var certificate = request.Create(
            issuer.SubjectName,
            X509SignatureGenerator.CreateForECDsa(issuerKey),
            notBefore ?? Now.AddDays(-30),
            notAfter ?? Now.AddDays(300),
            serial);
        return certificate.CopyWithPrivateKey(key);
    }

    public static X509Certificate2 IntermediateCa(X509Certificate2 issuer, string commonName = "Test Intermediate CA", DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null) =>
        Issue(issuer, commonName, notBefore, notAfter, ca: true, pathLength: 0, keyUsage: X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign);

    public static X509Certificate2 SelfSignedLeaf(string commonName = "Self-signed signer")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}, C=XX", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        return request.CreateSelfSigned(Now.AddDays(-30), Now.AddDays(300));
    }

    /// <summary>The same certificate with one bit of its signature flipped (still well-formed DER).</summary>
    public static X509Certificate2 WithBrokenSignature(X509Certificate2 certificate)
    {
        var der = certificate.RawData.ToArray();
        der[^1] ^= 0x01;
        return X509CertificateLoader.LoadCertificate(der);
    }

    public static X509ChainValidator Validator(params X509Certificate2[] anchors) =>
        new(TrustAnchorStore.FromCertificates(anchors));

    public static X509ChainValidator Validator(X509ChainValidatorOptions options, params X509Certificate2[] anchors) =>
        new(TrustAnchorStore.FromCertificates(anchors), options);

    public static string[] Codes(this CertificateChainValidationResult result) => result.Errors.Select(e => e.Code).ToArray();
}
