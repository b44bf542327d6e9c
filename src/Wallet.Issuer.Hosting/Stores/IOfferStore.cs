using Wallet.Hosting;

namespace Wallet.Issuer.Stores;

/// <summary>Credential Offers and their pre-authorized codes.</summary>
public interface IOfferStore
{
    /// <summary>Stores a new offer.</summary>
    ValueTask AddAsync(OfferRecord offer, CancellationToken cancellationToken = default);

    /// <summary>The offer with this id, or null.</summary>
    ValueTask<OfferRecord?> FindAsync(string offerId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically redeems the pre-authorized code: succeeds at most once per code, counts wrong transaction codes and
    /// invalidates the code after <paramref name="maxTxCodeAttempts"/> wrong ones.
    /// </summary>
    /// <param name="preAuthorizedCodeHash">Hash of the presented code.</param>
    /// <param name="txCodeHash">The <see cref="SecretHash.OfTransactionCode"/> hash of the presented transaction code, or null.</param>
    /// <param name="maxTxCodeAttempts">Wrong transaction codes allowed.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask<(RedemptionOutcome Outcome, OfferRecord? Offer)> RedeemAsync(string preAuthorizedCodeHash, string? txCodeHash, int maxTxCodeAttempts, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The open (not redeemed, not expired) authorization-code offer whose <c>issuer_state</c> has this hash, or null.</summary>
    ValueTask<OfferRecord?> FindByIssuerStateAsync(string issuerStateHash, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Atomically marks the authorization-code offer <paramref name="offerId"/> redeemed; true for exactly one caller while it is open.</summary>
    ValueTask<bool> RedeemAuthorizationCodeOfferAsync(string offerId, DateTimeOffset now, CancellationToken cancellationToken = default);
}
