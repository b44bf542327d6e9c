using Wallet.Core.Jose;
using Wallet.Core.SdJwt;
using Wallet.Core.StatusList;
using Wallet.Core.TypeMetadata;
using Wallet.Core.Trust;

namespace Wallet.Core.SdJwtVc;

/// <summary>Policy of an <see cref="SdJwtVcVerifier"/>. Immutable; the verifier copies <see cref="AcceptedVcts"/>, so a verdict cannot change after construction.</summary>
public sealed record SdJwtVcVerifierOptions
{
    /// <summary>
    /// Validates the <c>x5c</c> chain of the Issuer. Used to build an <see cref="X5cIssuerKeyResolver"/> unless
    /// <see cref="IssuerKeyResolver"/> is set.
    /// </summary>
    public ICertificateChainValidator? TrustValidator { get; init; }

    /// <summary>A custom Issuer key source (for example <see cref="JwtVcIssuerMetadataKeyResolver"/>); overrides <see cref="TrustValidator"/>.</summary>
    public ISdJwtIssuerKeyResolver? IssuerKeyResolver { get; init; }

    /// <summary>Accepted <c>vct</c> values; empty accepts any type.</summary>
    public IReadOnlyCollection<string> AcceptedVcts { get; init; } = [];

    /// <summary>
    /// Checks the Token Status List entry of credentials that have one. When null, such credentials are reported with
    /// status "unchecked" and fail verification, unless <see cref="AllowUncheckedStatus"/> is set.
    /// </summary>
    public ITokenStatusChecker? StatusChecker { get; init; }

    /// <summary>Accept credentials whose status could not be checked. Off by default: verification fails closed.</summary>
    public bool AllowUncheckedStatus { get; init; }

    /// <summary>
    /// Processes the credential's Type Metadata (draft-ietf-oauth-sd-jwt-vc-18 §4.7) with this processor: the metadata
    /// and everything it extends are retrieved and checked, and the claims are validated against the claim metadata.
    /// Null (the default) processes none.
    /// </summary>
    public TypeMetadataProcessor? TypeMetadata { get; init; }

    /// <summary>
    /// Rejects a credential whose Type Metadata cannot be retrieved (§4.7). Without it, unavailable metadata is not
    /// processed; metadata that was retrieved is always processed fully, and any failure rejects the credential.
    /// </summary>
    public bool RequireTypeMetadata { get; init; }

    /// <summary>The lowest acceptable level of assurance of the Issuer's trust anchor; null accepts any (including untagged).</summary>
    public LevelOfAssurance? MinimumLevelOfAssurance { get; init; }

    /// <summary>Require <c>cnf</c> (cryptographic holder binding, HAIP 1.0 §6.1). On by default.</summary>
    public bool RequireHolderBinding { get; init; } = true;

    /// <summary>Accepted signature algorithms.</summary>
    public JwsAlgorithmPolicy AlgorithmPolicy { get; init; } = JwsAlgorithmPolicy.Default;

    /// <summary>Size, count and depth limits.</summary>
    public SdJwtLimits Limits { get; init; } = SdJwtLimits.Default;

    /// <summary>The clock, for the credential, the KB-JWT and the certificates.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Tolerated clock difference.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How old a KB-JWT may be.</summary>
    public TimeSpan KeyBindingMaxAge { get; init; } = TimeSpan.FromMinutes(5);
}
