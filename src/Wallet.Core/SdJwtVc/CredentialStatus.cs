namespace Wallet.Core.SdJwtVc;

/// <summary>What a verifier knows about a credential's revocation status.</summary>
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

    /// <summary>The status could not be established.</summary>
    Unchecked,
}
