namespace Wallet.Core.SdJwtVc;

/// <summary>Limits and transport policy of a <see cref="JwtVcIssuerMetadataKeyResolver"/>.</summary>
public sealed record JwtVcIssuerMetadataOptions
{
    /// <summary>Largest accepted metadata or JWKS response.</summary>
    public int MaxResponseBytes { get; init; } = 64 * 1024;

    /// <summary>Allow plain http for loopback addresses (development only); https is required otherwise.</summary>
    public bool AllowHttpForLoopback { get; init; }
}
