using Wallet.Issuer.Stores;

namespace Wallet.Issuer.Protocol;

/// <summary>
/// The agency's side of deferred issuance (OpenID4VCI 1.0 §9): the pending issuances, and the decision on each —
/// complete (the Wallet's next poll receives credentials issued from the register as it is then) or refuse.
/// </summary>
internal sealed class DeferredIssuanceService(IDeferredIssuanceStore store, AuditRecorder audit, TimeProvider timeProvider)
{
    /// <summary>Most pending issuances one listing returns.</summary>
    public const int ListLimit = 500;

    public ValueTask<IReadOnlyList<DeferredIssuanceRecord>> ListPendingAsync(CancellationToken cancellationToken) =>
        store.ListPendingAsync(timeProvider.GetUtcNow(), ListLimit, cancellationToken);

    /// <summary>Decides the pending issuance <paramref name="deferredId"/>; false when there is none (unknown, expired or already decided).</summary>
    public async ValueTask<bool> DecideAsync(string keyName, string deferredId, bool complete, CancellationToken cancellationToken)
    {
        var decided = await store.TryMoveAsync(deferredId, DeferredIssuanceState.Pending, complete ? DeferredIssuanceState.Ready : DeferredIssuanceState.Refused, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (decided is null)
        {
            return false;
        }

        await audit.DeferredDecidedAsync(keyName, decided, complete, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
