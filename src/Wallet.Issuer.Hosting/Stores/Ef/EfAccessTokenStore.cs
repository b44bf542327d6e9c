using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Wallet.Issuer.Stores.Ef;

/// <summary>SQLite access tokens, keyed by the token's hash.</summary>
internal sealed class EfAccessTokenStore(IDbContextFactory<IssuerDbContext> factory, IIssuerDatabaseWrites writes) : IAccessTokenStore
{
    public async ValueTask AddAsync(AccessTokenRecord token, CancellationToken cancellationToken = default)
    {
        var entity = new AccessTokenEntity
        {
            TokenHash = token.TokenHash,
            OfferId = token.OfferId,
            KeyThumbprint = token.KeyThumbprint,
            ClientId = token.ClientId,
            PersonId = token.PersonId,
            UsesCredentialIdentifiers = token.UsesCredentialIdentifiers,
            ConfigurationIdsJson = JsonSerializer.Serialize(token.ConfigurationIds),
            RequestedClaimsJson = token.RequestedClaims is null ? null : JsonSerializer.Serialize(token.RequestedClaims),
            ExpiresAt = token.ExpiresAt.ToUnixTimeSeconds(),
        };
        await writes.RunAsync(
            (db, ct) =>
            {
                db.AccessTokens.Add(entity);
                return db.SaveChangesAsync(ct);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<AccessTokenRecord?> FindAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var nowSeconds = now.ToUnixTimeSeconds();
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entity = await db.AccessTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == tokenHash && t.ExpiresAt > nowSeconds, cancellationToken).ConfigureAwait(false);
        return entity is null
            ? null
            : new AccessTokenRecord(entity.TokenHash, entity.OfferId, entity.KeyThumbprint, StoredJson.Read<List<string>>(entity.ConfigurationIdsJson) ?? [], DateTimeOffset.FromUnixTimeSeconds(entity.ExpiresAt)) { ClientId = entity.ClientId, PersonId = entity.PersonId, UsesCredentialIdentifiers = entity.UsesCredentialIdentifiers, RequestedClaims = entity.RequestedClaimsJson is null ? null : StoredJson.Read<Dictionary<string, IReadOnlyList<string>>>(entity.RequestedClaimsJson) };
    }
}
