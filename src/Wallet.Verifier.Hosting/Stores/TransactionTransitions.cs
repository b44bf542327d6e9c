namespace Wallet.Verifier.Stores;

/// <summary>
/// The only state changes a transaction may make: <c>Pending → ResponseReceived</c> when a response is accepted, then
/// <c>ResponseReceived → Verified | Rejected</c> when it has been validated (or its validation failed or was interrupted).
/// <see cref="TransactionStatus.Verified"/> and <see cref="TransactionStatus.Rejected"/> are final. Every store operation
/// that changes a status asks here first, so a new path cannot invent a transition.
/// </summary>
public static class TransactionTransitions
{
    /// <summary>True when a transaction in <paramref name="from"/> may move to <paramref name="to"/>.</summary>
    public static bool IsAllowed(TransactionStatus from, TransactionStatus to) => (from, to) switch
    {
        (TransactionStatus.Pending, TransactionStatus.ResponseReceived) => true,
        (TransactionStatus.ResponseReceived, TransactionStatus.Verified) => true,
        (TransactionStatus.ResponseReceived, TransactionStatus.Rejected) => true,
        _ => false,
    };

    /// <summary>True for the states a transaction never leaves.</summary>
    public static bool IsFinal(TransactionStatus status) => status is TransactionStatus.Verified or TransactionStatus.Rejected;

    /// <summary>Throws when <paramref name="from"/> → <paramref name="to"/> is not allowed: a programming error, never input.</summary>
    public static void Require(TransactionStatus from, TransactionStatus to)
    {
        if (!IsAllowed(from, to))
        {
            throw new InvalidOperationException($"A transaction cannot move from {from} to {to}.");
        }
    }
}
