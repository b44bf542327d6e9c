namespace Wallet.Issuer.Stores;

/// <summary>Deferred issuances (OpenID4VCI 1.0 §9); every state change is conditional on the state before it, so it happens once.</summary>
public interface IDeferredIssuanceStore
{
    /// <summary>Stores a new pending issuance.</summary>
    ValueTask AddAsync(DeferredIssuanceRecord record, CancellationToken cancellationToken = default);

    /// <summary>The unexpired issuance with this <c>transaction_id</c> hash, in whatever state, or null.</summary>
    ValueTask<DeferredIssuanceRecord?> FindAsync(string transactionIdHash, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The unexpired pending issuances, oldest first, at most <paramref name="limit"/>.</summary>
    ValueTask<IReadOnlyList<DeferredIssuanceRecord>> ListPendingAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves the unexpired issuance <paramref name="deferredId"/> from <paramref name="from"/> to <paramref name="to"/>
    /// and returns it as moved; null when it is unknown, expired or not in <paramref name="from"/> (another caller moved
    /// it first). Must be atomic across every instance of the issuer.
    /// </summary>
    ValueTask<DeferredIssuanceRecord?> TryMoveAsync(string deferredId, DeferredIssuanceState from, DeferredIssuanceState to, DateTimeOffset now, CancellationToken cancellationToken = default);
}
