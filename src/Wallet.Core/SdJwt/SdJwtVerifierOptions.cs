using Wallet.Core.Jose;

namespace Wallet.Core.SdJwt;

/// <summary>Policy of an <see cref="SdJwtVerifier"/>.</summary>
public sealed class SdJwtVerifierOptions
{
    /// <summary>Resolves and ties the Issuer key. Required.</summary>
    public ISdJwtIssuerKeyResolver? IssuerKeyResolver { get; set; }

    /// <summary>Accepted signature algorithms for the Issuer-signed JWT and the KB-JWT.</summary>
    public JwsAlgorithmPolicy AlgorithmPolicy { get; set; } = JwsAlgorithmPolicy.Default;

    /// <summary>Accepted <c>_sd_alg</c> values.</summary>
    public IReadOnlyCollection<SdHashAlgorithm> HashAlgorithms { get; set; } = SdHashAlgorithm.All;

    /// <summary>
    /// Accepted <c>typ</c> values of the Issuer-signed JWT (compared ignoring case). Empty accepts any, which only
    /// suits generic SD-JWT; credential formats pin theirs (SD-JWT VC: <c>dc+sd-jwt</c>).
    /// </summary>
    public IReadOnlyCollection<string> AcceptedTypes { get; set; } = [];

    /// <summary>Top-level claims that must be present in the processed payload (RFC 9901 §9.7).</summary>
    public IReadOnlyCollection<string> RequiredClaims { get; set; } = [];

    /// <summary>Size, count and depth limits.</summary>
    public SdJwtLimits Limits { get; set; } = SdJwtLimits.Default;

    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Tolerated clock difference for <c>exp</c>, <c>nbf</c> and <c>iat</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How old a KB-JWT may be: its <c>iat</c> must lie within this window before now (RFC 9901 §7.3 5.e).</summary>
    public TimeSpan KeyBindingMaxAge { get; set; } = TimeSpan.FromMinutes(5);
}
