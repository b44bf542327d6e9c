using Wallet.Core.Jose;

namespace Wallet.Core.OpenId4Vci;

/// <summary>Policy of a <see cref="KeyProofValidator"/>.</summary>
public sealed record KeyProofValidatorOptions
{
    /// <summary>The Credential Issuer Identifier every proof's <c>aud</c> must equal.</summary>
    public required string CredentialIssuer { get; init; }

    /// <summary>Accepted proof algorithms: the configuration's <c>proof_signing_alg_values_supported</c>.</summary>
    public JwsAlgorithmPolicy AlgorithmPolicy { get; init; } = JwsAlgorithmPolicy.Default;

    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How old a proof's <c>iat</c> may be. Default 5 minutes.</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How far in the future a proof's <c>iat</c> may be. Default 60 seconds.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Require a <c>c_nonce</c> in every proof: true whenever the issuer has a Nonce Endpoint (Appendix F.1).</summary>
    public bool RequireNonce { get; init; } = true;

    /// <summary>Size limits for each proof. Default 48 KiB (a <c>key_attestation</c> header carries certificates), 8 levels of nesting.</summary>
    public JoseLimits Limits { get; init; } = new() { MaxTokenLength = 48 * 1024, MaxDepth = 8 };

    /// <summary>
    /// Validates key attestations: the <c>key_attestation</c> header of <c>jwt</c> proofs (Appendix F.1) and the
    /// <c>attestation</c> proof type (Appendix F.3). Without it, <c>key_attestation</c> headers are ignored and the
    /// <c>attestation</c> proof type is refused.
    /// </summary>
    public KeyAttestationValidator? KeyAttestations { get; init; }

    /// <summary>
    /// The configuration's <c>key_attestations_required</c> (§12.2.4): when set, every proof carries a key attestation
    /// stating an accepted level. Requires <see cref="KeyAttestations"/>.
    /// </summary>
    public KeyAttestationRequirement? KeyAttestationsRequired { get; init; }

    /// <summary>Most holder keys, and so credentials, one request may yield (<c>batch_size</c>, §12.2.4). Default 100.</summary>
    public int MaxHolderKeys { get; init; } = 100;
}
