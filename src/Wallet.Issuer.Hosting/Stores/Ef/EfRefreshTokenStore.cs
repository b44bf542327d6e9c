using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Wallet.Issuer.Stores.Ef;

/// <summary>
/// Refresh tokens keyed by hash, one row per token, the family in <c>FamilyId</c>. Rotation is one write: a conditional
/// UPDATE that marks the token used, then the successor's INSERT, in one transaction; only the caller whose UPDATE
/// changed the row gets to insert.
/// </summary>
internal sealed class EfRefreshTokenStore(IDbContextFactory<IssuerDbContext> factory, IIssuerDatabaseWrites writes) : IRefreshTokenStore
{
    public async ValueTask AddAsync(RefreshTokenRecord token, CancellationToken cancellationToken = default)
    {
        var entity = ToEntity(token);
        await writes.RunAsync(
            (db, ct) =>
            {
                db.RefreshTokens.Add(entity);
                return db.SaveChangesAsync(ct);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<RefreshTokenRecord?> FindAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entity = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == tokenHash, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ToRecord(entity);
    }

    public async ValueTask<RefreshOutcome> RotateAsync(string tokenHash, RefreshTokenRecord successor, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var nowSeconds = now.ToUnixTimeSeconds();
        var entity = ToEntity(successor);
        return await writes.RunAsync(
            async (db, ct) =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
                var used = await db.RefreshTokens
                    .Where(t => t.TokenHash == tokenHash && t.UsedAt == null && t.RevokedAt == null && t.ExpiresAt > nowSeconds && t.FamilyId == successor.FamilyId)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, nowSeconds), ct).ConfigureAwait(false);
                if (used == 1)
                {
                    db.RefreshTokens.Add(entity);
                    await db.SaveChangesAsync(ct).ConfigureAwait(false);
                    await transaction.CommitAsync(ct).ConfigureAwait(false);
                    return RefreshOutcome.Rotated;
                }

                var row = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == tokenHash, ct).ConfigureAwait(false);
                var outcome = row switch
                {
                    null => RefreshOutcome.Unknown,
                    { RevokedAt: not null } => RefreshOutcome.Revoked,
                    _ when row.ExpiresAt <= nowSeconds => RefreshOutcome.Expired,
                    { UsedAt: not null } => RefreshOutcome.Reused,
                    _ => RefreshOutcome.Unknown,
                };
                if (outcome == RefreshOutcome.Reused)
                {
                    await db.RefreshTokens
                        .Where(t => t.FamilyId == row!.FamilyId && t.RevokedAt == null)
                        .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, nowSeconds), ct).ConfigureAwait(false);
                }

                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return outcome;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<int> RevokeForPersonAsync(string personId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var nowSeconds = now.ToUnixTimeSeconds();
        return await writes.RunAsync(
            async (db, ct) =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
                var live = await db.RefreshTokens
                    .Where(t => t.PersonId == personId && t.UsedAt == null && t.RevokedAt == null && t.ExpiresAt > nowSeconds)
                    .Select(t => t.FamilyId).Distinct().CountAsync(ct).ConfigureAwait(false);
                await db.RefreshTokens
                    .Where(t => t.PersonId == personId && t.RevokedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, nowSeconds), ct).ConfigureAwait(false);
                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return live;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<RefreshTokenRecord>> ListActiveAsync(string personId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var nowSeconds = now.ToUnixTimeSeconds();
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.RefreshTokens.AsNoTracking()
            .Where(t => t.PersonId == personId && t.UsedAt == null && t.RevokedAt == null && t.ExpiresAt > nowSeconds)
            .OrderBy(t => t.GrantedAt)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(ToRecord)];
    }

    private static RefreshTokenEntity ToEntity(RefreshTokenRecord token) => new()
    {
        TokenHash = token.TokenHash,
        FamilyId = token.FamilyId,
        KeyThumbprint = token.KeyThumbprint,
        ClientId = token.ClientId,
        PersonId = token.PersonId,
        UsesCredentialIdentifiers = token.UsesCredentialIdentifiers,
        ConfigurationIdsJson = JsonSerializer.Serialize(token.ConfigurationIds),
        GrantedAt = token.GrantedAt.ToUnixTimeSeconds(),
        IssuedAt = token.IssuedAt.ToUnixTimeSeconds(),
        ExpiresAt = token.ExpiresAt.ToUnixTimeSeconds(),
    };

    private static RefreshTokenRecord ToRecord(RefreshTokenEntity e) =>
        new(e.TokenHash, e.FamilyId, e.KeyThumbprint, StoredJson.Read<List<string>>(e.ConfigurationIdsJson) ?? [], DateTimeOffset.FromUnixTimeSeconds(e.GrantedAt), DateTimeOffset.FromUnixTimeSeconds(e.ExpiresAt))
        {
            ClientId = e.ClientId,
            PersonId = e.PersonId,
            UsesCredentialIdentifiers = e.UsesCredentialIdentifiers,
            IssuedAt = DateTimeOffset.FromUnixTimeSeconds(e.IssuedAt),
        };
}
