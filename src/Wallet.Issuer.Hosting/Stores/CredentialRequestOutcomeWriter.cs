using Microsoft.EntityFrameworkCore.Storage;
using Wallet.Issuer.Statistics;
using Wallet.Issuer.Stores.Ef;

namespace Wallet.Issuer.Stores;

/// <summary>
/// Writes a committed Credential Request's audit entries and usage counts: inside the request's own transaction when
/// they live in the issuer database (the default), otherwise — a host's own audit trail — after the commit.
/// </summary>
internal sealed class CredentialRequestOutcomeWriter(IAuditTrail trail, IssuerStatistics statistics)
{
    private const string CountSavepoint = "usage_counts";

    private bool AuditInDatabase => trail is EfAuditTrail;

    /// <summary>
    /// Adds what belongs in the issuer database to <paramref name="transaction"/> and saves the context's pending
    /// changes (the request's records among them).
    /// </summary>
    public async ValueTask WriteInTransactionAsync(IssuerDbContext db, IDbContextTransaction transaction, CredentialRequestOutcome outcome, CancellationToken cancellationToken)
    {
        if (AuditInDatabase)
        {
            EfAuditTrail.Add(db, outcome.Audit);
        }

        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        if (!statistics.CountsInDatabase)
        {
            return;
        }

        foreach (var (usage, count) in outcome.Counts)
        {
            // Statistics never decide a request's outcome: a failed upsert is undone alone (PostgreSQL would otherwise
            // abort the whole transaction) and logged by the counter.
            await statistics.CountAsync(usage, count, async upsert =>
            {
                await transaction.CreateSavepointAsync(CountSavepoint, CancellationToken.None).ConfigureAwait(false);
                try
                {
                    await upsert(db).ConfigureAwait(false);
                    await transaction.ReleaseSavepointAsync(CountSavepoint, CancellationToken.None).ConfigureAwait(false);
                }
                catch
                {
                    await transaction.RollbackToSavepointAsync(CountSavepoint, CancellationToken.None).ConfigureAwait(false);
                    throw;
                }
            }).ConfigureAwait(false);
        }
    }

    /// <summary>Writes, after the commit, what <see cref="WriteInTransactionAsync"/> did not (all of it when <paramref name="inTransaction"/> is false).</summary>
    public async ValueTask WriteAfterCommitAsync(CredentialRequestOutcome outcome, bool inTransaction, CancellationToken cancellationToken)
    {
        if (outcome.Audit.Count > 0 && !(inTransaction && AuditInDatabase))
        {
            await trail.AppendAsync(outcome.Audit, cancellationToken).ConfigureAwait(false);
        }

        if (!(inTransaction && statistics.CountsInDatabase))
        {
            foreach (var (usage, count) in outcome.Counts)
            {
                await statistics.CountAsync(usage, count).ConfigureAwait(false);
            }
        }
    }
}
