using Microsoft.EntityFrameworkCore;
using Wallet.Core.OAuth;

namespace Wallet.Issuer.Stores.Ef;

/// <summary>
/// A Credential Request in one database transaction. During validation the DPoP proof and the <c>c_nonce</c> are only
/// read (seen before? still open?); the commit then inserts the proof, deletes the nonce and adds the issued records
/// together, and rolls all of it back when the insert or the delete finds that a concurrent request got there first.
/// </summary>
/// <remarks>
/// Before, a request wrote three or four times (proof, nonce, status list, records), each a transaction synced to disk
/// and, on SQLite, a turn in the write queue; the audit entries and usage counts then followed in two more. They are
/// now part of the same transaction, so they are written exactly when the request's state is. Checks stay exact: a replayed proof or used nonce is refused at
/// validation as before, and one that a concurrent request uses between the read and the commit is refused at the
/// commit, before any credential leaves the issuer.
/// </remarks>
internal sealed class EfCredentialRequestUnit(IDbContextFactory<IssuerDbContext> factory, IIssuerDatabaseWrites writes, CredentialRequestOutcomeWriter outcomes) : CredentialRequestUnit, IDpopReplayCache
{
    private readonly List<(string ProofId, DateTimeOffset ExpiresAt)> _proofs = [];
    private string? _nonceHash;
    private long _nonceCheckedAt;

    public override IDpopReplayCache ReplayCache => this;

    public async ValueTask<bool> TryAddAsync(string proofId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (_proofs.Exists(p => p.ProofId == proofId) || await db.DpopProofs.AsNoTracking().AnyAsync(p => p.ProofId == proofId, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        _proofs.Add((proofId, expiresAt));
        return true;
    }

    public override async ValueTask<bool> ConsumeNonceAsync(string nonceHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var nowSeconds = now.ToUnixTimeSeconds();
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (_nonceHash is not null || !await db.Nonces.AsNoTracking().AnyAsync(n => n.Nonce == nonceHash && n.ExpiresAt > nowSeconds, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        _nonceHash = nonceHash;
        _nonceCheckedAt = nowSeconds;
        return true;
    }

    public override async ValueTask<CredentialRequestCommit> CommitAsync(IReadOnlyList<IssuedCredentialRecord> issued, CredentialRequestOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issued);
        ArgumentNullException.ThrowIfNull(outcome);
        if (_nonceHash is null && _proofs.Count == 0 && issued.Count == 0 && outcome.Audit.Count == 0 && outcome.Counts.Count == 0)
        {
            return CredentialRequestCommit.Committed;
        }

        // Kept only when the request won both races; otherwise everything it wrote is rolled back (on SQLite, to its savepoint
        // in the group-commit batch, without touching the other requests of the batch).
        var committed = await writes.RunAsync(
            async (db, ct) =>
            {
                if (_nonceHash is { } nonceHash)
                {
                    // The expiry is the one validation saw, so a nonce expiring during issuance is not refused after the fact.
                    var nonceAt = _nonceCheckedAt;
                    var deleted = await db.Nonces.Where(n => n.Nonce == nonceHash && n.ExpiresAt > nonceAt).ExecuteDeleteAsync(ct).ConfigureAwait(false);
                    if (deleted != 1)
                    {
                        return CredentialRequestCommit.NonceAlreadyUsed;
                    }
                }

                foreach (var (proofId, expiresAt) in _proofs)
                {
                    if (await EfDpopReplayCache.Insert(db, proofId, expiresAt, ct).ConfigureAwait(false) != 1)
                    {
                        return CredentialRequestCommit.DpopProofReplayed;
                    }
                }

                EfIssuedCredentialStore.Add(db, issued);
                await outcomes.WriteInTransactionAsync(db, db.Database.CurrentTransaction!, outcome, ct).ConfigureAwait(false);
                return CredentialRequestCommit.Committed;
            },
            result => result == CredentialRequestCommit.Committed,
            cancellationToken).ConfigureAwait(false);
        if (committed == CredentialRequestCommit.Committed)
        {
            await outcomes.WriteAfterCommitAsync(outcome, inTransaction: true, cancellationToken).ConfigureAwait(false);
        }

        return committed;
    }
}
