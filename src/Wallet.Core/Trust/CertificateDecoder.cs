using System.Diagnostics.CodeAnalysis;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Wallet.Core.Trust;

/// <summary>Turns bytes that must be exactly one DER-encoded X.509 certificate into a certificate.</summary>
internal static class CertificateDecoder
{
    public static bool TryDecode(ReadOnlySpan<byte> der, [NotNullWhen(true)] out X509Certificate2? certificate, [NotNullWhen(false)] out string? reason)
    {
        certificate = null;
        if (der.IsEmpty)
        {
            reason = "it is empty";
            return false;
        }

        // The platform loader also accepts PEM text and tolerates trailing bytes; a received certificate must be
        // exactly one DER SEQUENCE so that the bytes we hash and compare are the bytes that were signed.
        try
        {
            var tag = Asn1Tag.Decode(der, out _);
            AsnDecoder.ReadEncodedValue(der, AsnEncodingRules.DER, out _, out _, out var consumed);
            if (!tag.HasSameClassAndValue(Asn1Tag.Sequence) || !tag.IsConstructed)
            {
                reason = "it is not a DER SEQUENCE";
                return false;
            }

            if (consumed != der.Length)
            {
                reason = $"{der.Length - consumed} byte(s) follow the certificate";
                return false;
            }
        }
        catch (AsnContentException)
        {
            reason = "it is not DER";
            return false;
        }

        try
        {
            certificate = X509CertificateLoader.LoadCertificate(der);

            // The loader defers some fields; a certificate whose validity or names fail only when read would
            // otherwise throw in the middle of a chain validation.
            _ = certificate.NotBefore;
            _ = certificate.NotAfter;
            _ = certificate.Subject;
            _ = certificate.Issuer;
        }
        catch (CryptographicException)
        {
            certificate?.Dispose();
            certificate = null;
            reason = "it is not an X.509 certificate";
            return false;
        }

        try
        {
            ReadExtensionsAndKey(certificate);
            reason = null;
            return true;
        }
        catch (Exception e) when (e is CryptographicException or AsnContentException)
        {
            // Key Usage surfaces the ASN.1 reader's own exception rather than a CryptographicException.
            certificate.Dispose();
            certificate = null;
            reason = "an extension or its public key cannot be decoded";
            return false;
        }
    }

    // Extensions and the public key are decoded only when first read, so a corrupted Authority Key Identifier or EC
    // point would throw in the middle of a chain validation or a signature check. Read every one the checks use now:
    // a certificate that cannot be read whole is malformed here, with its code, and never an exception later.
    private static void ReadExtensionsAndKey(X509Certificate2 certificate)
    {
        _ = CertificateFacts.BasicConstraints(certificate) is { } basic ? (basic.CertificateAuthority, basic.HasPathLengthConstraint, basic.PathLengthConstraint) : default;
        _ = CertificateFacts.KeyUsage(certificate);
        _ = CertificateFacts.ExtendedKeyUsages(certificate);
        _ = CertificateFacts.SubjectKeyId(certificate);
        _ = CertificateFacts.AuthorityKeyId(certificate);
        foreach (var san in certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>())
        {
            _ = san.EnumerateDnsNames().Count();
            _ = san.EnumerateIPAddresses().Count();
        }

        using var key = certificate.GetECDsaPublicKey();
        _ = key?.ExportParameters(includePrivateParameters: false);
    }
}
