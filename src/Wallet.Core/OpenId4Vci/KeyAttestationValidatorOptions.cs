using Wallet.Core.Jose;
using Wallet.Core.StatusList;
using Wallet.Core.Trust;

namespace Wallet.Core.OpenId4Vci;

/// <summary>Policy of a <see cref="KeyAttestationValidator"/>.</summary>
public sealed record KeyAttestationValidatorOptions
{
    /// <summary>Validates the attestation's <c>x5c</c> chain against the wallet-provider trust anchors (HAIP 1.0 §4.5.1).</summary>
    public required ICertificateChainValidator TrustValidator { get; init; }

    /// <summary>
    /// Looks up the attestation's <c>status</c>, when it has one. Without a checker an attestation with a <c>status</c>
    /// is refused, since its revocation cannot be ruled out.
    /// </summary>
    public ITokenStatusChecker? StatusChecker { get; init; }

    /// <summary>Accepted algorithms: the configuration's <c>proof_signing_alg_values_supported</c> (Appendix F.1, F.3).</summary>
    public JwsAlgorithmPolicy AlgorithmPolicy { get; init; } = JwsAlgorithmPolicy.Default;

    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Tolerated clock difference for <c>iat</c> and <c>exp</c>. Default 60 seconds.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Most keys one attestation may list. Default 100.</summary>
    public int MaxAttestedKeys { get; init; } = 100;

    /// <summary>Size limits of the attestation JWT. Default 32 KiB (it carries certificates), 8 levels of nesting.</summary>
    public JoseLimits Limits { get; init; } = new() { MaxTokenLength = 32 * 1024, MaxDepth = 8 };
}
