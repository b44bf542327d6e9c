using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Wallet.Issuer.Stores.Ef;

/// <summary>SQLite offers; redemption is a conditional UPDATE, so a code is exchanged at most once across requests.</summary>
internal sealed class EfOfferStore(IDbContextFactory<IssuerDbContext> factory, IIssuerDatabaseWrites writes) : IOfferStore
{
    public async ValueTask AddAsync(OfferRecord offer, CancellationToken cancellationToken = default)
    {
        var entity = new OfferEntity
        {
            OfferId = offer.OfferId,
            CodeHash = offer.PreAuthorizedCodeHash,
            Code = offer.PreAuthorizedCode,
            TxCodeHash = offer.TxCodeHash,
            TxCodeLength = offer.TxCodeLength,
            ConfigurationIdsJson = JsonSerializer.Serialize(offer.ConfigurationIds),
            PersonId = offer.PersonId,
            InlineClaimsJson = offer.InlineClaimsJson,
            CreatedAt = offer.CreatedAt.ToUnixTimeSeconds(),
            ExpiresAt = offer.ExpiresAt.ToUnixTimeSeconds(),
            IsAuthorizationCode = offer.IsAuthorizationCode,
            RepresentationId = offer.RepresentationId,
        };
        await writes.RunAsync(
            (db, ct) =>
            {
                db.Offers.Add(entity);
                return db.SaveChangesAsync(ct);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<OfferRecord?> FindAsync(string offerId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entity = await db.Offers.AsNoTracking().FirstOrDefaultAsync(o => o.OfferId == offerId, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ToRecord(entity);
    }

    public async ValueTask<(RedemptionOutcome Outcome, OfferRecord? Offer)> RedeemAsync(string preAuthorizedCodeHash, string? txCodeHash, int maxTxCodeAttempts, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        // An issuer_state is never a pre-authorized code, even though both are looked up by hash in one column.
        var entity = await db.Offers.AsNoTracking().FirstOrDefaultAsync(o => o.CodeHash == preAuthorizedCodeHash && !o.IsAuthorizationCode, cancellationToken).ConfigureAwait(false);
        if (entity is null)
        {
            return (RedemptionOutcome.UnknownCode, null);
        }

        var offer = ToRecord(entity);
        var nowSeconds = now.ToUnixTimeSeconds();
        if (entity.Redeemed)
        {
            return (RedemptionOutcome.AlreadyRedeemed, offer);
        }

        if (entity.ExpiresAt <= nowSeconds)
        {
            return (RedemptionOutcome.Expired, offer);
        }

        if (entity.TxCodeHash is null && txCodeHash is not null)
        {
            return (RedemptionOutcome.TxCodeUnexpected, offer);
        }

        if (entity.TxCodeHash is not null && txCodeHash is null)
        {
            return (RedemptionOutcome.TxCodeMissing, offer);
        }

        if (entity.TxCodeHash is not null
            && !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(entity.TxCodeHash), Encoding.ASCII.GetBytes(txCodeHash!)))
        {
            // Counted in one statement, so concurrent wrong guesses cannot exceed the limit.
            var attempts = await writes.RunAsync(
                async (w, ct) =>
                {
                    await w.Offers
                        .Where(o => o.OfferId == entity.OfferId && !o.Redeemed)
                        .ExecuteUpdateAsync(s => s
                            .SetProperty(o => o.FailedTxCodeAttempts, o => o.FailedTxCodeAttempts + 1)
                            .SetProperty(o => o.Redeemed, o => o.FailedTxCodeAttempts + 1 >= maxTxCodeAttempts)
                            .SetProperty(o => o.Code, o => o.FailedTxCodeAttempts + 1 >= maxTxCodeAttempts ? null : o.Code), ct)
                        .ConfigureAwait(false);
                    return await w.Offers.AsNoTracking().Where(o => o.OfferId == entity.OfferId).Select(o => o.FailedTxCodeAttempts).FirstAsync(ct).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
            return (attempts >= maxTxCodeAttempts ? RedemptionOutcome.AttemptsExhausted : RedemptionOutcome.TxCodeWrong, offer);
        }

        var updated = await writes.RunAsync(
            (w, ct) => w.Offers
                .Where(o => o.OfferId == entity.OfferId && !o.Redeemed && o.ExpiresAt > nowSeconds && o.FailedTxCodeAttempts < maxTxCodeAttempts)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Redeemed, true).SetProperty(o => o.Code, (string?)null), ct),
            cancellationToken).ConfigureAwait(false);
        return updated == 1 ? (RedemptionOutcome.Redeemed, offer with { Redeemed = true, PreAuthorizedCode = null }) : (RedemptionOutcome.AlreadyRedeemed, offer);
    }

    public async ValueTask<OfferRecord?> FindByIssuerStateAsync(string issuerStateHash, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var nowSeconds = now.ToUnixTimeSeconds();
        var entity = await db.Offers.AsNoTracking()
            .FirstOrDefaultAsync(o => o.CodeHash == issuerStateHash && o.IsAuthorizationCode && !o.Redeemed && o.ExpiresAt > nowSeconds, cancellationToken)
            .ConfigureAwait(false);
        return entity is null ? null : ToRecord(entity);
    }

    public async ValueTask<bool> RedeemAuthorizationCodeOfferAsync(string offerId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var nowSeconds = now.ToUnixTimeSeconds();
        var updated = await writes.RunAsync(
            (db, ct) => db.Offers
                .Where(o => o.OfferId == offerId && o.IsAuthorizationCode && !o.Redeemed && o.ExpiresAt > nowSeconds)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Redeemed, true).SetProperty(o => o.Code, (string?)null), ct),
            cancellationToken).ConfigureAwait(false);
        return updated == 1;
    }

    private static OfferRecord ToRecord(OfferEntity e) => new(
        e.OfferId,
        e.CodeHash,
        e.Code,
        e.TxCodeHash,
        e.TxCodeLength,
        StoredJson.Read<List<string>>(e.ConfigurationIdsJson) ?? [],
        e.PersonId,
        e.InlineClaimsJson,
        DateTimeOffset.FromUnixTimeSeconds(e.CreatedAt),
        DateTimeOffset.FromUnixTimeSeconds(e.ExpiresAt))
    {
        Redeemed = e.Redeemed,
        IsAuthorizationCode = e.IsAuthorizationCode,
        RepresentationId = e.RepresentationId,
    };
}
