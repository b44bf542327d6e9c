using Microsoft.EntityFrameworkCore;
using Wallet.Core.StatusList;

namespace Wallet.Issuer.Stores.Ef;

/// <summary>SQLite status lists; replacement is compare-and-swap on the version (Token Status List §13.3).</summary>
internal sealed class EfStatusListStore(IDbContextFactory<IssuerDbContext> factory, IIssuerDatabaseWrites writes) : IStatusListStore
{
    public async ValueTask<bool> TryAddAsync(StatusListRecord record, CancellationToken cancellationToken = default)
    {
        var statuses = record.Statuses.Bytes.ToArray();
        var bitmap = record.AllocationBitmap.ToArray();
        var inserted = await writes.RunAsync(
            (db, ct) => db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO \"StatusLists\" (\"Uri\", \"Bits\", \"Statuses\", \"AllocationBitmap\", \"Version\") VALUES ({record.Uri.OriginalString}, {record.Statuses.Bits}, {statuses}, {bitmap}, {record.Version}) ON CONFLICT DO NOTHING",
                ct),
            cancellationToken).ConfigureAwait(false);
        return inserted == 1;
    }

    public async ValueTask<StatusListRecord?> FindAsync(Uri uri, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entity = await db.StatusLists.AsNoTracking().FirstOrDefaultAsync(s => s.Uri == uri.OriginalString, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : new StatusListRecord(new Uri(entity.Uri), StatusList.FromBytes(entity.Bits, entity.Statuses), entity.AllocationBitmap, entity.Version);
    }

    public async ValueTask<bool> TryReplaceAsync(StatusListRecord record, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var statuses = record.Statuses.Bytes.ToArray();
        var bitmap = record.AllocationBitmap.ToArray();
        var uri = record.Uri.OriginalString;
        var updated = await writes.RunAsync(
            (db, ct) => db.StatusLists
                .Where(s => s.Uri == uri && s.Version == expectedVersion)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Statuses, statuses).SetProperty(l => l.AllocationBitmap, bitmap).SetProperty(l => l.Version, record.Version), ct),
            cancellationToken).ConfigureAwait(false);
        return updated == 1;
    }
}
