using Wallet.Core.Jose;

namespace Wallet.Core.OAuth;

/// <summary>Policy of a <see cref="DpopProofValidator"/>.</summary>
public sealed record DpopValidatorOptions
{
    /// <summary>Accepted proof algorithms; publish the same list as <c>dpop_signing_alg_values_supported</c>.</summary>
    public JwsAlgorithmPolicy AlgorithmPolicy { get; init; } = JwsAlgorithmPolicy.Default;

    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How old a proof's <c>iat</c> may be. Default 5 minutes.</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How far in the future a proof's <c>iat</c> may be. Default 60 seconds.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// When set, every proof must carry a <c>nonce</c> for which this returns true (RFC 9449 §8); a missing or rejected
    /// nonce maps to <c>use_dpop_nonce</c>. When null, nonces are not required and not checked.
    /// </summary>
    public Func<string, bool>? NonceValidator { get; init; }

    /// <summary>Rejects a proof seen before (RFC 9449 §11.1). When null, replay is not detected.</summary>
    public IDpopReplayCache? ReplayCache { get; init; }

    /// <summary>Size limits for the proof. Default 8 KiB, 8 levels of nesting.</summary>
    public JoseLimits Limits { get; init; } = new() { MaxTokenLength = 8 * 1024, MaxDepth = 8 };
}
