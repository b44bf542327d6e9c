using Microsoft.EntityFrameworkCore;

namespace Wallet.Issuer.Stores.Ef;

/// <summary>The audit trail in the issuer database, append-only.</summary>
internal sealed class EfAuditTrail(IDbContextFactory<IssuerDbContext> factory, IIssuerDatabaseWrites writes) : IAuditTrail
{
    // Through the write queue like every other write: on SQLite a direct write would meet the busy-retry sleep.
    public async ValueTask AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        await writes.RunAsync(
            (db, ct) =>
            {
                Add(db, entries);
                return db.SaveChangesAsync(ct);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds the entries to <paramref name="db"/>'s changes, for the caller's SaveChanges (a Credential Request's transaction).</summary>
    internal static void Add(IssuerDbContext db, IReadOnlyList<AuditEntry> entries) =>
        db.AuditEntries.AddRange(entries.Select(e => new AuditEntryEntity
        {
            At = e.At.ToUnixTimeSeconds(),
            Actor = e.Actor,
            Action = e.Action,
            OfferId = e.OfferId,
            CredentialId = e.CredentialId,
            CredentialConfigurationId = e.CredentialConfigurationId,
        }));

    public async ValueTask<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = db.AuditEntries.AsNoTracking().Where(e => e.Sequence > query.After);
        if (query.From is { } from)
        {
            var seconds = from.ToUnixTimeSeconds();
            rows = rows.Where(e => e.At >= seconds);
        }

        if (query.To is { } to)
        {
            var seconds = to.ToUnixTimeSeconds();
            rows = rows.Where(e => e.At < seconds);
        }

        if (query.Action is { } action)
        {
            rows = rows.Where(e => e.Action == action);
        }

        if (query.CredentialId is { } credentialId)
        {
            rows = rows.Where(e => e.CredentialId == credentialId);
        }

        var page = await rows.OrderBy(e => e.Sequence).Take(query.Limit).ToListAsync(cancellationToken).ConfigureAwait(false);
        return page.Select(e => new AuditEntry(DateTimeOffset.FromUnixTimeSeconds(e.At), e.Actor, e.Action, e.OfferId, e.CredentialId, e.CredentialConfigurationId) { Sequence = e.Sequence }).ToList();
    }
}
