using System.Security.Cryptography.X509Certificates;

namespace Wallet.Core.Trust;

/// <summary>
/// Validates a certificate chain received in a credential (SD-JWT <c>x5c</c>, mdoc <c>x5chain</c>,
/// Status List Token <c>x5c</c>) against the configured trust anchors. One implementation serves every format,
/// so a trust decision is made the same way everywhere.
/// </summary>
public interface ICertificateChainValidator
{
    /// <summary>Validates <paramref name="chain"/> for <paramref name="usage"/> at <paramref name="validationTime"/>.</summary>
    /// <param name="chain">The certificates as received, leaf first; the trust anchor may be absent.</param>
    /// <param name="usage">What the leaf certificate must be fit for.</param>
    /// <param name="validationTime">The instant at which every certificate must be valid.</param>
    CertificateChainValidationResult Validate(IReadOnlyList<X509Certificate2> chain, CertificateUsage usage, DateTimeOffset validationTime);
}
