using Wallet.Core.Trust;

namespace Wallet.Issuer.Options;

/// <summary>One credential configuration offered by the issuer (OpenID4VCI 1.0 §12.2.4).</summary>
public sealed class CredentialConfigurationOptions
{
    /// <summary><c>dc+sd-jwt</c> or <c>mso_mdoc</c>.</summary>
    public string Format { get; set; } = string.Empty;

    /// <summary>The OAuth scope; HAIP 1.0 §4.1 requires one per configuration.</summary>
    public string Scope { get; set; } = string.Empty;

    /// <summary>The SD-JWT VC type, for <c>dc+sd-jwt</c>.</summary>
    public string? Vct { get; set; }

    /// <summary>The mdoc docType, for <c>mso_mdoc</c>.</summary>
    public string? Doctype { get; set; }

    /// <summary>Display per language.</summary>
    public List<DisplayOptions> Display { get; set; } = [];

    /// <summary>Claims descriptions.</summary>
    public List<ClaimOptions> Claims { get; set; } = [];

    /// <summary>
    /// The level of assurance the sign-in must reach for this configuration in the authorization code flow. Null means
    /// high, which PID requires; an agency may lower it for an attestation whose rule book allows it, e.g. the age
    /// verification attestation at substantial (EU Age Verification profile, Annex A.3). A partial entry under a default
    /// configuration's identifier that sets only this value adjusts that default.
    /// </summary>
    public LevelOfAssurance? MinimumLevelOfAssurance { get; set; }

    /// <summary>
    /// When set, every key proof must carry a key attestation from a wallet provider of
    /// <see cref="IssuerOptions.WalletProviderTrustAnchors"/> stating one of the accepted levels, announced as
    /// <c>proof_types_supported.*.key_attestations_required</c> (OpenID4VCI 1.0 §12.2.4, Appendix D, F.1, F.3). A partial
    /// entry under a default configuration's identifier that sets only this value adjusts that default.
    /// </summary>
    public KeyAttestationsRequiredOptions? KeyAttestationsRequired { get; set; }

    /// <summary>
    /// Issue this configuration deferred (OpenID4VCI 1.0 §9): the Credential Endpoint answers 202 with a
    /// <c>transaction_id</c>, and the credential is delivered at the Deferred Credential Endpoint once the agency API
    /// completes the pending issuance. Default false; a person the register marks for manual check is deferred for
    /// every configuration.
    /// </summary>
    public bool Deferred { get; set; }
}
