using System.Security.Cryptography.X509Certificates;
using Wallet.Core.Jose;
using Wallet.Core.SdJwt;
using Wallet.Core.Trust;

namespace Wallet.Core.SdJwtVc;

/// <summary>
/// Takes the Issuer key from the <c>x5c</c> header and ties it to the Issuer by validating the chain to the
/// configured trust anchors (draft-ietf-oauth-sd-jwt-vc-18 §2.5; mandatory in HAIP 1.0 §6.1.1). The Issuer is the
/// subject of the end-entity certificate; the level of assurance is the one the trust anchor is tagged with.
/// </summary>
/// <param name="validator">The chain validator shared with mdoc and status lists.</param>
/// <param name="timeProvider">The clock for certificate validity.</param>
/// <param name="usage">What the leaf must be fit for; <see cref="CertificateUsage.SdJwtVcIssuer"/> by default.</param>
public sealed class X5cIssuerKeyResolver(ICertificateChainValidator validator, TimeProvider? timeProvider = null, CertificateUsage? usage = null) : ISdJwtIssuerKeyResolver
{
    private readonly ICertificateChainValidator _validator = validator ?? throw new ArgumentNullException(nameof(validator));
    private readonly TimeProvider _timeProvider = timeProvider ?? TimeProvider.System;
    private readonly CertificateUsage _usage = usage ?? CertificateUsage.SdJwtVcIssuer;

    /// <inheritdoc />
    public ValueTask<IssuerKeyResolution> ResolveAsync(CompactJws issuerSignedJwt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issuerSignedJwt);
        if (!issuerSignedJwt.Header.TryGetProperty("x5c", out var x5c))
        {
            return Failed(SdJwtVcErrorCodes.NoKeySource, "The Issuer-signed JWT has no 'x5c' header, and X.509 is the configured key source (HAIP 1.0 §6.1.1).");
        }

        if (!X5cParser.TryParseX5c(x5c, out var chain, out var parseError, null, DecodedCertificateCache.Shared))
        {
            return ValueTask.FromResult(IssuerKeyResolution.Failed([parseError]));
        }

        var trust = _validator.Validate(chain, _usage, _timeProvider.GetUtcNow());
        if (!trust.IsValid)
        {
            return ValueTask.FromResult(IssuerKeyResolution.Failed(trust.Errors));
        }

        var publicKey = trust.Leaf.GetECDsaPublicKey();
        if (publicKey is null)
        {
            return Failed(SdJwtErrorCodes.IssuerKeyUnresolved, $"The certificate '{trust.Leaf.Subject}' does not hold an EC key usable for ES256/ES384/ES512.");
        }

        PublicJwk key;
        try
        {
            key = PublicJwk.FromOwnedECDsa(publicKey);
        }
        catch (ArgumentException)
        {
            publicKey.Dispose();
            return Failed(SdJwtErrorCodes.IssuerKeyUnresolved, $"The certificate '{trust.Leaf.Subject}' holds a key on an unsupported curve.");
        }

        return ValueTask.FromResult(IssuerKeyResolution.Resolved(key, trust));
    }

    private static ValueTask<IssuerKeyResolution> Failed(string code, string message) =>
        ValueTask.FromResult(IssuerKeyResolution.Failed([new VerificationError(code, message)]));
}
