namespace Wallet.Verifier.Transactions;

/// <summary>The answer to <c>POST /api/presentations</c>.</summary>
/// <param name="TransactionId">The relying party's handle.</param>
/// <param name="AuthorizationRequestUri">The <c>openid4vp://</c> URI for a QR code or a same-device link.</param>
/// <param name="RequestUri">Where the wallet fetches the signed Request Object.</param>
/// <param name="ExpiresAt">When the transaction stops accepting a response.</param>
public sealed record CreatedPresentation(string TransactionId, string AuthorizationRequestUri, string RequestUri, DateTimeOffset ExpiresAt)
{
    /// <summary>
    /// The lowest level of assurance this transaction accepts (<c>low</c>, <c>substantial</c>, <c>high</c>, as in a
    /// verified credential's <c>levelOfAssurance</c>): the stricter of the relying party's and the request's; null for none.
    /// </summary>
    public string? MinimumLevelOfAssurance { get; init; }
}
