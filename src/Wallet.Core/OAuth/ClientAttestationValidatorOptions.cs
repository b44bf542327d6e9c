using Wallet.Core.Jose;
using Wallet.Core.Trust;

namespace Wallet.Core.OAuth;

/// <summary>Policy of a <see cref="ClientAttestationValidator"/>.</summary>
public sealed record ClientAttestationValidatorOptions
{
    /// <summary>The authorization server's issuer identifier, which every PoP's <c>aud</c> must equal.</summary>
    public required string Audience { get; init; }

    /// <summary>Validates the attestation's <c>x5c</c> chain against the wallet-provider trust anchors.</summary>
    public required ICertificateChainValidator TrustValidator { get; init; }

    /// <summary>Accepted algorithms for the attestation and the PoP.</summary>
    public JwsAlgorithmPolicy AlgorithmPolicy { get; init; } = JwsAlgorithmPolicy.Default;

    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Tolerated clock difference. Default 60 seconds.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How old a PoP's <c>iat</c> may be. Default 5 minutes.</summary>
    public TimeSpan MaxPopAge { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Size limits for each JWT. Default 32 KiB (the attestation carries certificates).</summary>
    public JoseLimits Limits { get; init; } = new() { MaxTokenLength = 32 * 1024, MaxDepth = 8 };
}
