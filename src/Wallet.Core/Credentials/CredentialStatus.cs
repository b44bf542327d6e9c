namespace Wallet.Core.Credentials;

/// <summary>
/// What a verifier knows about a credential's status (draft-ietf-oauth-status-list §7.1), the same for every format:
/// an SD-JWT VC <c>status</c> claim and an mdoc MSO <c>status</c> both point to a Token Status List entry.
/// </summary>
public enum CredentialStatus
{
    /// <summary>The credential has no status reference.</summary>
    None,

    /// <summary>The Status List entry is VALID.</summary>
    Valid,

    /// <summary>The Status List entry is INVALID (revoked).</summary>
    Revoked,

    /// <summary>The Status List entry is SUSPENDED.</summary>
    Suspended,

    /// <summary>The Status List entry holds another, application-specific value.</summary>
    Other,

    /// <summary>The status could not be established (no checker, the list could not be fetched or verified, or other checks failed first).</summary>
    Unchecked,
}
