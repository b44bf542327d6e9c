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

        // Likewise the extensions the chain checks read and the public key: a Basic Constraints, Key Usage, key
        // identifier or EKU value that does not decode, or an EC point off its curve, throws only when read.
        try
        {
            _ = CertificateFacts.IsCa(certificate);
            _ = CertificateFacts.KeyUsage(certificate);
            _ = CertificateFacts.ExtendedKeyUsages(certificate);
            _ = CertificateFacts.SubjectKeyId(certificate);
            _ = CertificateFacts.AuthorityKeyId(certificate);
            using (certificate.GetECDsaPublicKey())
            {
            }

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
}
