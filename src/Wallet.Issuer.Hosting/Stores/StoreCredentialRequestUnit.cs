using Wallet.Core.OAuth;

namespace Wallet.Issuer.Stores;

/// <summary>
/// A Credential Request against a host's own stores: each consume-once call goes to its store at once, as the store
/// interfaces define, and the records follow in one <see cref="IIssuedCredentialStore.AddAsync"/>.
/// </summary>
internal sealed class StoreCredentialRequestUnit(INonceStore nonces, IDpopReplayCache replayCache, IIssuedCredentialStore issued, CredentialRequestOutcomeWriter outcomes) : CredentialRequestUnit
{
    public override IDpopReplayCache ReplayCache => replayCache;

    public override ValueTask<bool> ConsumeNonceAsync(string nonceHash, DateTimeOffset now, CancellationToken cancellationToken) =>
        nonces.TryConsumeAsync(nonceHash, now, cancellationToken);

    public override async ValueTask<CredentialRequestCommit> CommitAsync(IReadOnlyList<IssuedCredentialRecord> records, CredentialRequestOutcome outcome, CancellationToken cancellationToken)
    {
        if (records.Count > 0)
        {
            await issued.AddAsync(records, cancellationToken).ConfigureAwait(false);
        }

        await outcomes.WriteAfterCommitAsync(outcome, inTransaction: false, cancellationToken).ConfigureAwait(false);
        return CredentialRequestCommit.Committed;
    }
}
