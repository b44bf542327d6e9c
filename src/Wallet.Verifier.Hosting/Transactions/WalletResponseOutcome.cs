using Wallet.Hosting;

namespace Wallet.Verifier.Transactions;

/// <summary>What the response endpoint answers the wallet: accepted (with a redirect), or a protocol error that the endpoint maps to HTTP.</summary>
/// <param name="RedirectUri">Same-device: where the wallet sends the user, with a fresh response code (OpenID4VP 1.0 §8.2, §14.2).</param>
/// <param name="Error">The error when the response was not accepted; null when it was.</param>
public sealed record WalletResponseOutcome(string? RedirectUri = null, ProtocolError? Error = null)
{
    /// <summary>The response was not accepted.</summary>
    /// <param name="error">The OAuth <c>error</c> code.</param>
    /// <param name="description">Why not.</param>
    public static WalletResponseOutcome Failed(string error, string description) => new(Error: ProtocolError.Create(error, description));
}
