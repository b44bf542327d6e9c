namespace Wallet.Verifier.Stores;

/// <summary>Where a transaction stands. "Expired" is not stored: it follows from the clock.</summary>
public enum TransactionStatus
{
    /// <summary>Created; waiting for the wallet's response.</summary>
    Pending,

    /// <summary>A response was accepted and is being validated; no second response is accepted.</summary>
    ResponseReceived,

    /// <summary>The response passed every check.</summary>
    Verified,

    /// <summary>The response failed a check, or the wallet answered with an error.</summary>
    Rejected,
}
