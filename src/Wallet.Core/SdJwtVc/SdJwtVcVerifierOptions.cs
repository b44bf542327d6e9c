using Wallet.Core.Jose;
using Wallet.Core.SdJwt;
using Wallet.Core.StatusList;
using Wallet.Core.Trust;

namespace Wallet.Core.SdJwtVc;

/// <summary>Policy of an <see cref="SdJwtVcVerifier"/>.</summary>
public sealed class SdJwtVcVerifierOptions
{
    /// <summary>
    /// Validates the <c>x5c</c> chain of the Issuer. Used to build an <see cref="X5cIssuerKeyResolver"/> unless
    /// <see cref="IssuerKeyResolver"/> is set.
    /// </summary>
    public ICertificateChainValidator? TrustValidator { get; set; }

    /// <summary>A custom Issuer key source (for example <see cref="JwtVcIssuerMetadataKeyResolver"/>); overrides <see cref="TrustValidator"/>.</summary>
    public ISdJwtIssuerKeyResolver? IssuerKeyResolver { get; set; }

    /// <summary>Accepted <c>vct</c> values; empty accepts any type.</summary>
    public IReadOnlyCollection<string> AcceptedVcts { get; set; } = [];

    /// <summary>
    /// Checks the Token Status List entry of credentials that have one. When null, such credentials are reported with
    /// status "unchecked" and fail verification, unless <see cref="AllowUncheckedStatus"/> is set.
    /// </summary>
    public ITokenStatusChecker? StatusChecker { get; set; }

    /// <summary>Accept credentials whose status could not be checked. Off by default: verification fails closed.</summary>
    public bool AllowUncheckedStatus { get; set; }

    /// <summary>The lowest acceptable level of assurance of the Issuer's trust anchor; null accepts any (including untagged).</summary>
    public LevelOfAssurance? MinimumLevelOfAssurance { get; set; }

    /// <summary>Require <c>cnf</c> (cryptographic holder binding, HAIP 1.0 §6.1). On by default.</summary>
    public bool RequireHolderBinding { get; set; } = true;

    /// <summary>Accepted signature algorithms.</summary>
    public JwsAlgorithmPolicy AlgorithmPolicy { get; set; } = JwsAlgorithmPolicy.Default;

    /// <summary>Size, count and depth limits.</summary>
    public SdJwtLimits Limits { get; set; } = SdJwtLimits.Default;

    /// <summary>The clock, for the credential, the KB-JWT and the certificates.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Tolerated clock difference.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How old a KB-JWT may be.</summary>
    public TimeSpan KeyBindingMaxAge { get; set; } = TimeSpan.FromMinutes(5);
}
