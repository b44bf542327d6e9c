using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Wallet.Issuer.Stores.Ef;

/// <summary>
/// SQLite pushed requests and authorization codes, one table each, the grant as JSON. Consumption reads the row and
/// then deletes it conditionally; only the caller whose DELETE removed the row gets the grant.
/// </summary>
internal sealed class EfAuthorizationStores(IDbContextFactory<IssuerDbContext> factory, IIssuerDatabaseWrites writes) : IPushedAuthorizationRequestStore, IAuthorizationCodeStore
{
    ValueTask IPushedAuthorizationRequestStore.AddAsync(string id, AuthorizationGrantRecord request, CancellationToken cancellationToken) =>
        AddAsync("par:" + id, request, cancellationToken);

    ValueTask<AuthorizationGrantRecord?> IPushedAuthorizationRequestStore.FindAsync(string id, DateTimeOffset now, CancellationToken cancellationToken) =>
        FindAsync("par:" + id, now, cancellationToken);

    ValueTask<AuthorizationGrantRecord?> IPushedAuthorizationRequestStore.ConsumeAsync(string id, DateTimeOffset now, CancellationToken cancellationToken) =>
        ConsumeAsync("par:" + id, now, cancellationToken);

    ValueTask IAuthorizationCodeStore.AddAsync(string codeHash, AuthorizationGrantRecord grant, CancellationToken cancellationToken) =>
        AddAsync("code:" + codeHash, grant, cancellationToken);

    ValueTask<AuthorizationGrantRecord?> IAuthorizationCodeStore.RedeemAsync(string codeHash, DateTimeOffset now, CancellationToken cancellationToken) =>
        ConsumeAsync("code:" + codeHash, now, cancellationToken);

    private async ValueTask AddAsync(string key, AuthorizationGrantRecord grant, CancellationToken cancellationToken)
    {
        var entity = new AuthorizationGrantEntity { Key = key, Json = JsonSerializer.Serialize(grant), ExpiresAt = grant.ExpiresAt.ToUnixTimeSeconds() };
        await writes.RunAsync(
            (db, ct) =>
            {
                db.AuthorizationGrants.Add(entity);
                return db.SaveChangesAsync(ct);
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<AuthorizationGrantRecord?> FindAsync(string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var seconds = now.ToUnixTimeSeconds();
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.AuthorizationGrants.AsNoTracking().FirstOrDefaultAsync(g => g.Key == key && g.ExpiresAt > seconds, cancellationToken).ConfigureAwait(false);
        return row is null ? null : StoredJson.Read<AuthorizationGrantRecord>(row.Json);
    }

    private async ValueTask<AuthorizationGrantRecord?> ConsumeAsync(string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var seconds = now.ToUnixTimeSeconds();
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.AuthorizationGrants.AsNoTracking().FirstOrDefaultAsync(g => g.Key == key, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var deleted = await writes.RunAsync((w, ct) => w.AuthorizationGrants.Where(g => g.Key == key).ExecuteDeleteAsync(ct), cancellationToken).ConfigureAwait(false);
        return deleted == 1 && row.ExpiresAt > seconds ? StoredJson.Read<AuthorizationGrantRecord>(row.Json) : null;
    }
}
