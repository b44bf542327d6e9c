namespace Wallet.Verifier.Stores;

/// <summary>Why a transaction refused a move (<see cref="TransactionTransitionError.Code"/>).</summary>
public static class TransactionErrorCodes
{
    /// <summary>The transaction's lifetime has passed: its request is no longer served and no response is accepted.</summary>
    public const string Expired = "verifier.transaction.expired";

    /// <summary>The transaction already accepted its one response (OpenID4VP 1.0 §8.2); a second response or a late fetch of the request is refused.</summary>
    public const string AlreadyAnswered = "verifier.transaction.already_answered";

    /// <summary>A response arrived before the wallet fetched the Request Object, whose nonce it must answer (OpenID4VP 1.0 §5.10, §14.1).</summary>
    public const string RequestNotFetched = "verifier.transaction.request_not_fetched";

    /// <summary>Another request changed the transaction between reading and writing it (for example a wallet posting twice at once); this one lost.</summary>
    public const string ConcurrentChange = "verifier.transaction.concurrent_change";

    /// <summary>Any other move the transition table does not list.</summary>
    public const string NotAllowed = "verifier.transaction.transition_not_allowed";
}
