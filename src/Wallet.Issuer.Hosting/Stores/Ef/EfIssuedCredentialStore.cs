using Microsoft.EntityFrameworkCore;

namespace Wallet.Issuer.Stores.Ef;

/// <summary>SQLite metadata of issued credentials.</summary>
internal sealed class EfIssuedCredentialStore(IDbContextFactory<IssuerDbContext> factory, IIssuerDatabaseWrites writes) : IIssuedCredentialStore
{
    // One SaveChanges: the records of a batch are stored in one transaction.
    public async ValueTask AddAsync(IReadOnlyList<IssuedCredentialRecord> credentials, CancellationToken cancellationToken = default) =>
        await writes.RunAsync(
            (db, ct) =>
            {
                Add(db, credentials);
                return db.SaveChangesAsync(ct);
            },
            cancellationToken).ConfigureAwait(false);

    public async ValueTask<IssuedCredentialRecord?> FindAsync(string credentialId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var c = await db.IssuedCredentials.AsNoTracking().FirstOrDefaultAsync(c => c.CredentialId == credentialId, cancellationToken).ConfigureAwait(false);
        return c is null ? null : ToRecord(c);
    }

    public async ValueTask<IReadOnlyList<IssuedCredentialRecord>> ListByPersonAsync(string personId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.IssuedCredentials.AsNoTracking().Where(c => c.PersonId == personId).OrderByDescending(c => c.IssuedAt).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(ToRecord).ToList();
    }

    public async ValueTask<IReadOnlyList<IssuedCredentialRecord>> ListByNotificationAsync(string notificationId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.IssuedCredentials.AsNoTracking().Where(c => c.NotificationId == notificationId).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(ToRecord).ToList();
    }

    public async ValueTask RecordNotificationAsync(string notificationId, string notificationEvent, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var seconds = at.ToUnixTimeSeconds();
        await writes.RunAsync(
            (db, ct) => db.IssuedCredentials
                .Where(c => c.NotificationId == notificationId && (c.NotificationEvent == null || c.NotificationEvent != notificationEvent))
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.NotificationEvent, notificationEvent).SetProperty(c => c.NotifiedAt, seconds), ct),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds the records to <paramref name="db"/>'s changes, for the caller's SaveChanges.</summary>
    internal static void Add(IssuerDbContext db, IReadOnlyList<IssuedCredentialRecord> credentials) =>
        db.IssuedCredentials.AddRange(credentials.Select(c => new IssuedCredentialEntity
        {
            CredentialId = c.CredentialId,
            OfferId = c.OfferId,
            PersonId = c.PersonId,
            ConfigurationId = c.ConfigurationId,
            StatusListUri = c.StatusListUri,
            StatusIndex = c.StatusIndex,
            IssuedAt = c.IssuedAt.ToUnixTimeSeconds(),
            ExpiresAt = c.ExpiresAt.ToUnixTimeSeconds(),
            RepresentationId = c.RepresentationId,
            NotificationId = c.NotificationId,
        }));

    private static IssuedCredentialRecord ToRecord(IssuedCredentialEntity c) =>
        new(c.CredentialId, c.OfferId, c.PersonId, c.ConfigurationId, c.StatusListUri, c.StatusIndex, DateTimeOffset.FromUnixTimeSeconds(c.IssuedAt), DateTimeOffset.FromUnixTimeSeconds(c.ExpiresAt))
        {
            RepresentationId = c.RepresentationId,
            NotificationId = c.NotificationId,
            NotificationEvent = c.NotificationEvent,
            NotifiedAt = c.NotifiedAt is { } notified ? DateTimeOffset.FromUnixTimeSeconds(notified) : null,
        };
}
