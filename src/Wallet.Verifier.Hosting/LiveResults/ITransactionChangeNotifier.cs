namespace Wallet.Verifier.LiveResults;

/// <summary>
/// Tells live-result streams (server-sent events) that a transaction changed, so they re-read it at once instead of at
/// their next store poll. The default works within one process; a host running several instances can replace it
/// (<see cref="VerifierBuilder.UseChangeNotifier{T}"/>) with one carried by its message bus. Streams never rely on it
/// alone: they also re-read the store every <see cref="LiveResultOptions.StorePollInterval"/>, so a change written by
/// another instance arrives late, never lost.
/// </summary>
public interface ITransactionChangeNotifier
{
    /// <summary>Reports that transaction <paramref name="transactionId"/> changed status. Must not throw.</summary>
    void Publish(string transactionId);

    /// <summary>Calls <paramref name="changed"/> (at most once) when <paramref name="transactionId"/> changes, until the returned handle is disposed.</summary>
    IDisposable Subscribe(string transactionId, Action changed);
}
