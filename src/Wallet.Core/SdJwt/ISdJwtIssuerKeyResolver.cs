using Wallet.Core.Jose;

namespace Wallet.Core.SdJwt;

/// <summary>
/// Finds the key that must have signed an Issuer-signed JWT and ties it to the Issuer (RFC 9901 §7.1 2.c):
/// from the <c>x5c</c> header and a trust store, from JWT VC Issuer Metadata, or from configuration.
/// </summary>
public interface ISdJwtIssuerKeyResolver
{
    /// <summary>Resolves the Issuer's key for <paramref name="issuerSignedJwt"/>; never throws for bad input.</summary>
    ValueTask<IssuerKeyResolution> ResolveAsync(CompactJws issuerSignedJwt, CancellationToken cancellationToken = default);
}
