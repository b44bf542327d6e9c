namespace Wallet.Issuer.Protocol;

/// <summary>The agency API's answer to <c>POST /api/offers</c>.</summary>
/// <param name="OfferId">The offer's identifier.</param>
/// <param name="OfferUri">The <c>openid-credential-offer://</c> link carrying the offer by reference.</param>
/// <param name="OfferPageUrl">The user-facing page that shows the offer as a QR code and a same-device link.</param>
/// <param name="TxCode">The transaction code to deliver to the user out of band, when requested.</param>
/// <param name="ExpiresAt">When the offer stops being redeemable.</param>
public sealed record CreatedOffer(string OfferId, string OfferUri, string OfferPageUrl, string? TxCode, DateTimeOffset ExpiresAt);
