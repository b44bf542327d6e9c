using System.Diagnostics.CodeAnalysis;

namespace Wallet.Verifier.Stores;

/// <summary>
/// The one place that says which state changes a transaction may make (specs/verifier.md, "Transaction states"):
/// <c>Pending → RequestFetched</c> when the wallet fetches the Request Object (again: <c>RequestFetched → RequestFetched</c>),
/// <c>RequestFetched → ResponseReceived</c> when its one response is accepted, then <c>ResponseReceived → Verified | Rejected</c>
/// when that response has been validated (or its validation failed or was interrupted). <see cref="TransactionStatus.Verified"/>
/// and <see cref="TransactionStatus.Rejected"/> are final; fetching and answering end when the transaction expires.
/// A refused move is a <see cref="TransactionTransitionError"/>; an allowed one is a <see cref="TransactionTransition"/>, the only
/// thing a store applies, so no code path can invent a transition.
/// </summary>
public static class TransactionTransitions
{
    /// <summary>True when a transaction in <paramref name="from"/> may move to <paramref name="to"/>.</summary>
    public static bool IsAllowed(TransactionStatus from, TransactionStatus to) => (from, to) switch
    {
        (TransactionStatus.Pending, TransactionStatus.RequestFetched) => true,

        // A wallet may fetch the request again (a lost reply, a retry with a new wallet_nonce) until it answers.
        (TransactionStatus.RequestFetched, TransactionStatus.RequestFetched) => true,
        (TransactionStatus.RequestFetched, TransactionStatus.ResponseReceived) => true,
        (TransactionStatus.ResponseReceived, TransactionStatus.Verified) => true,
        (TransactionStatus.ResponseReceived, TransactionStatus.Rejected) => true,
        _ => false,
    };

    /// <summary>True for the states a transaction never leaves.</summary>
    public static bool IsFinal(TransactionStatus status) => status is TransactionStatus.Verified or TransactionStatus.Rejected;

    /// <summary>
    /// The move of <paramref name="transaction"/> to <paramref name="to"/> (a fetch or a response, not a completion) at
    /// <paramref name="now"/>, or why it is refused: expired, already answered, request not fetched, or not in the table.
    /// </summary>
    public static bool TryMove(
        TransactionRecord transaction,
        TransactionStatus to,
        DateTimeOffset now,
        [NotNullWhen(true)] out TransactionTransition? transition,
        [NotNullWhen(false)] out TransactionTransitionError? error)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        transition = null;
        var from = transaction.Status;
        if (IsFinal(to))
        {
            error = new(TransactionErrorCodes.NotAllowed, from, to, $"A transaction is completed with its result, not moved to {to}.");
            return false;
        }

        if (now >= transaction.ExpiresAt)
        {
            error = new(TransactionErrorCodes.Expired, from, to, "The transaction has expired.");
            return false;
        }

        return TryCreate(from, to, null, null, out transition, out error);
    }

    /// <summary>
    /// The completion of a transaction in <paramref name="from"/> with its result: <see cref="TransactionStatus.Verified"/> when
    /// <paramref name="verified"/>, otherwise <see cref="TransactionStatus.Rejected"/>. Not bound by the expiry: a response
    /// accepted in time is always completed.
    /// </summary>
    public static bool TryComplete(
        TransactionStatus from,
        bool verified,
        string resultJson,
        byte[]? responseCodeHash,
        [NotNullWhen(true)] out TransactionTransition? transition,
        [NotNullWhen(false)] out TransactionTransitionError? error)
    {
        ArgumentNullException.ThrowIfNull(resultJson);
        return TryCreate(from, verified ? TransactionStatus.Verified : TransactionStatus.Rejected, resultJson, responseCodeHash, out transition, out error);
    }

    private static bool TryCreate(
        TransactionStatus from,
        TransactionStatus to,
        string? resultJson,
        byte[]? responseCodeHash,
        [NotNullWhen(true)] out TransactionTransition? transition,
        [NotNullWhen(false)] out TransactionTransitionError? error)
    {
        if (IsAllowed(from, to))
        {
            transition = new(from, to, resultJson, responseCodeHash);
            error = null;
            return true;
        }

        transition = null;
        error = (from, to) switch
        {
            (TransactionStatus.ResponseReceived or TransactionStatus.Verified or TransactionStatus.Rejected, TransactionStatus.RequestFetched or TransactionStatus.ResponseReceived)
                => new(TransactionErrorCodes.AlreadyAnswered, from, to, "The transaction already has its response."),
            (TransactionStatus.Pending, TransactionStatus.ResponseReceived)
                => new(TransactionErrorCodes.RequestNotFetched, from, to, "The Request Object of this transaction was never fetched."),
            _ => new(TransactionErrorCodes.NotAllowed, from, to, $"A transaction cannot move from {from} to {to}."),
        };
        return false;
    }
}
