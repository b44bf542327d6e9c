namespace Wallet.Verifier.Stores;

/// <summary>
/// Where a transaction stands; <see cref="TransactionTransitions"/> says which moves are allowed. "Expired" is not stored:
/// it follows from the clock. The numbers are what stores persist and never change.
/// </summary>
public enum TransactionStatus
{
    /// <summary>Created; the wallet has not fetched the Request Object yet.</summary>
    Pending = 0,

    /// <summary>A response was accepted and is being validated; no second response is accepted.</summary>
    ResponseReceived = 1,

    /// <summary>The response passed every check.</summary>
    Verified = 2,

    /// <summary>The response failed a check, or the wallet answered with an error.</summary>
    Rejected = 3,

    /// <summary>The wallet fetched the signed Request Object (OpenID4VP 1.0 §5.10); its response is awaited.</summary>
    RequestFetched = 4,
}
