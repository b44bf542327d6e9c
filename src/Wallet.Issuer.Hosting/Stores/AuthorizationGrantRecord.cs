namespace Wallet.Issuer.Stores;

/// <summary>
/// A validated authorization request, first as pushed (keyed by its <c>request_uri</c> id), then, once the user has
/// authenticated, as the authorization code's grant (keyed by the code's hash).
/// </summary>
/// <param name="ClientId">The client that pushed the request.</param>
/// <param name="RedirectUri">The <c>redirect_uri</c>, which the token request must repeat.</param>
/// <param name="CodeChallenge">The S256 PKCE challenge.</param>
/// <param name="ConfigurationIds">The credential configurations requested by scope or authorization details.</param>
/// <param name="UsesAuthorizationDetails">True when <c>authorization_details</c> were used: the token response then carries <c>credential_identifiers</c>.</param>
/// <param name="State">The client's <c>state</c>.</param>
/// <param name="DpopJkt">The <c>dpop_jkt</c> the code is bound to, if any.</param>
/// <param name="ExpiresAt">When the request or code expires.</param>
public sealed record AuthorizationGrantRecord(
    string ClientId,
    string RedirectUri,
    string CodeChallenge,
    IReadOnlyList<string> ConfigurationIds,
    bool UsesAuthorizationDetails,
    string? State,
    string? DpopJkt,
    DateTimeOffset ExpiresAt)
{
    /// <summary>The authenticated person, set when the code is issued.</summary>
    public string? PersonId { get; init; }

    /// <summary>The authorization-code offer this request was bound to by its <c>issuer_state</c>, if any.</summary>
    public string? OfferId { get; init; }

    /// <summary>
    /// Per credential configuration, the claims paths (as JSON array text) the Wallet asked for in the <c>claims</c> of
    /// <c>authorization_details</c> (OpenID4VCI 1.0 §5.1.1, Appendix B.1); null or a missing configuration means every claim.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? RequestedClaims { get; init; }
}
