using Wallet.Core.Jose;
using Wallet.Core.Trust;

namespace Wallet.Core.SdJwt;

/// <summary>Resolves every SD-JWT to one configured Issuer key (for a single known Issuer, tests and tools).</summary>
/// <param name="key">The Issuer's public key.</param>
/// <param name="issuer">Name of the Issuer for reports.</param>
/// <param name="levelOfAssurance">Level of assurance to report for this Issuer, when known.</param>
public sealed class StaticIssuerKeyResolver(PublicJwk key, string? issuer = null, LevelOfAssurance? levelOfAssurance = null) : ISdJwtIssuerKeyResolver
{
    private readonly IssuerKeyResolution _resolution = IssuerKeyResolution.Resolved(key, issuer, levelOfAssurance);

    /// <inheritdoc />
    public ValueTask<IssuerKeyResolution> ResolveAsync(CompactJws issuerSignedJwt, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_resolution);
}
