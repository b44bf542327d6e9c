namespace Wallet.Core.TypeMetadata;

/// <summary>The <c>sd</c> value of a claim metadata object (draft-ietf-oauth-sd-jwt-vc-18 §4.6.4).</summary>
public enum SelectiveDisclosureRule
{
    /// <summary><c>allowed</c>, the default: the Issuer may make the claim selectively disclosable.</summary>
    Allowed,

    /// <summary><c>always</c>: the Issuer must make the claim selectively disclosable.</summary>
    Always,

    /// <summary><c>never</c>: the Issuer must not make the claim selectively disclosable.</summary>
    Never,
}
