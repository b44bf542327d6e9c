namespace Wallet.Verifier.Transactions;

/// <summary>The answer to <c>POST /api/presentations</c>.</summary>
/// <param name="TransactionId">The relying party's handle.</param>
/// <param name="AuthorizationRequestUri">The <c>openid4vp://</c> URI for a QR code or a same-device link.</param>
/// <param name="RequestUri">Where the wallet fetches the signed Request Object.</param>
/// <param name="ExpiresAt">When the transaction stops accepting a response.</param>
public sealed record CreatedPresentation(string TransactionId, string AuthorizationRequestUri, string RequestUri, DateTimeOffset ExpiresAt);
