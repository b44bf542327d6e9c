namespace Wallet.Issuer.Stores;

/// <summary>How <c>CredentialRequestUnit.CommitAsync</c> ended.</summary>
internal enum CredentialRequestCommit
{
    /// <summary>Everything was written.</summary>
    Committed,

    /// <summary>Another request consumed the <c>c_nonce</c> first; nothing was written.</summary>
    NonceAlreadyUsed,

    /// <summary>Another request used the DPoP proof first; nothing was written.</summary>
    DpopProofReplayed,
}
