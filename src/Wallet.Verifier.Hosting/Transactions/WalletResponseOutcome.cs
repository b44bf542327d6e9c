namespace Wallet.Verifier.Transactions;

/// <summary>What the response endpoint answers the wallet.</summary>
/// <param name="StatusCode">200 when the response was accepted; 400 otherwise.</param>
/// <param name="RedirectUri">Same-device: where the wallet sends the user, with a fresh response code (OpenID4VP 1.0 §8.2, §14.2).</param>
/// <param name="Error">The OAuth error code when not accepted.</param>
/// <param name="ErrorDescription">Why not.</param>
public sealed record WalletResponseOutcome(int StatusCode, string? RedirectUri = null, string? Error = null, string? ErrorDescription = null);
