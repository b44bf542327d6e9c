using Wallet.Hosting;

namespace Wallet.Issuer.Stores;

/// <summary>
/// A Credential Offer with its grant's secret, as stored: the pre-authorized code, or for an authorization-code offer
/// the <c>issuer_state</c>. The secret is looked up by hash; the secret itself is kept only until redemption, because
/// the offer document served by reference must contain it, and is wiped then. The transaction code is stored only as
/// a salted hash.
/// </summary>
/// <param name="OfferId">The random identifier in the offer URI.</param>
/// <param name="PreAuthorizedCodeHash">Base64 SHA-256 of the pre-authorized code (or of the <c>issuer_state</c>).</param>
/// <param name="PreAuthorizedCode">The code (or <c>issuer_state</c>) itself while the offer is open; null once redeemed.</param>
/// <param name="TxCodeHash">The <see cref="SecretHash.OfTransactionCode"/> hash of the transaction code, when one is required.</param>
/// <param name="TxCodeLength">Digits of the transaction code, announced in the offer.</param>
/// <param name="ConfigurationIds">The offered credential configurations.</param>
/// <param name="PersonId">The authentic-source identifier of the subject, or null with inline claims.</param>
/// <param name="InlineClaimsJson">The subject's PID passed by the agency, as JSON, or null with a person id.</param>
/// <param name="CreatedAt">When the offer was created.</param>
/// <param name="ExpiresAt">When the offer and its code stop being redeemable.</param>
public sealed record OfferRecord(
    string OfferId,
    string PreAuthorizedCodeHash,
    string? PreAuthorizedCode,
    string? TxCodeHash,
    int? TxCodeLength,
    IReadOnlyList<string> ConfigurationIds,
    string? PersonId,
    string? InlineClaimsJson,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt)
{
    /// <summary>True once the pre-authorized code was exchanged for an access token (or invalidated).</summary>
    public bool Redeemed { get; init; }

    /// <summary>
    /// True for an offer with an <c>authorization_code</c> grant: its secret is the <c>issuer_state</c>, which binds
    /// the authorization request to the offer, and it cannot be redeemed as a pre-authorized code.
    /// </summary>
    public bool IsAuthorizationCode { get; init; }

    /// <summary>
    /// For an offer of the Power of Representation attestation: the register's representation relation it is issued
    /// from. <see cref="PersonId"/> is then the representative, whose wallet receives it.
    /// </summary>
    public string? RepresentationId { get; init; }
}
