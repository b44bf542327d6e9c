using Microsoft.EntityFrameworkCore;

namespace Wallet.Issuer.Stores.Ef;

/// <summary>Deferred issuances in the issuer database; a state change is a conditional UPDATE, so two callers cannot both make it.</summary>
internal sealed class EfDeferredIssuanceStore(IDbContextFactory<IssuerDbContext> factory, IIssuerDatabaseWrites writes) : IDeferredIssuanceStore
{
    public async ValueTask AddAsync(DeferredIssuanceRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var entity = new DeferredIssuanceEntity
        {
            DeferredId = record.DeferredId,
            TransactionIdHash = record.TransactionIdHash,
            TokenHash = record.TokenHash,
            ConfigurationId = record.ConfigurationId,
            OfferId = record.OfferId,
            PersonId = record.PersonId,
            LoggedIn = record.LoggedIn,
            HolderKeysJson = System.Text.Json.JsonSerializer.Serialize(record.HolderKeys),
            State = (int)record.State,
            CreatedAt = record.CreatedAt.ToUnixTimeSeconds(),
            ExpiresAt = record.ExpiresAt.ToUnixTimeSeconds(),
        };
        await writes.RunAsync(
            (db, ct) =>
            {
                db.DeferredIssuances.Add(entity);
                return db.SaveChangesAsync(ct);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<DeferredIssuanceRecord?> FindAsync(string transactionIdHash, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var nowSeconds = now.ToUnixTimeSeconds();
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entity = await db.DeferredIssuances.AsNoTracking().FirstOrDefaultAsync(d => d.TransactionIdHash == transactionIdHash && d.ExpiresAt > nowSeconds, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ToRecord(entity);
    }

    public async ValueTask<IReadOnlyList<DeferredIssuanceRecord>> ListPendingAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        var nowSeconds = now.ToUnixTimeSeconds();
        var pending = (int)DeferredIssuanceState.Pending;
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entities = await db.DeferredIssuances.AsNoTracking()
            .Where(d => d.State == pending && d.ExpiresAt > nowSeconds)
            .OrderBy(d => d.CreatedAt).ThenBy(d => d.DeferredId)
            .Take(limit)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. entities.Select(ToRecord)];
    }

    public async ValueTask<DeferredIssuanceRecord?> TryMoveAsync(string deferredId, DeferredIssuanceState from, DeferredIssuanceState to, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var nowSeconds = now.ToUnixTimeSeconds();
        var fromValue = (int)from;
        var toValue = (int)to;
        var updated = await writes.RunAsync(
            (db, ct) => db.DeferredIssuances
                .Where(d => d.DeferredId == deferredId && d.State == fromValue && d.ExpiresAt > nowSeconds)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.State, toValue), ct),
            cancellationToken).ConfigureAwait(false);
        if (updated != 1)
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entity = await db.DeferredIssuances.AsNoTracking().FirstOrDefaultAsync(d => d.DeferredId == deferredId, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ToRecord(entity);
    }

    private static DeferredIssuanceRecord ToRecord(DeferredIssuanceEntity e) =>
        new(e.DeferredId, e.TransactionIdHash, e.TokenHash, e.ConfigurationId, StoredJson.Read<List<string>>(e.HolderKeysJson) ?? [], DateTimeOffset.FromUnixTimeSeconds(e.CreatedAt), DateTimeOffset.FromUnixTimeSeconds(e.ExpiresAt))
        {
            OfferId = e.OfferId,
            PersonId = e.PersonId,
            LoggedIn = e.LoggedIn,
            State = (DeferredIssuanceState)e.State,
        };
}
