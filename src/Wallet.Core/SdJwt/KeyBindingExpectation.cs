namespace Wallet.Core.SdJwt;

/// <summary>
/// What the verifier of one presentation requires of the Key Binding JWT: its own identifier as <c>aud</c>
/// and the fresh nonce of this transaction (RFC 9901 §7.3 5.f).
/// </summary>
/// <param name="Audience">The expected <c>aud</c>, e.g. the OpenID4VP <c>client_id</c>.</param>
/// <param name="Nonce">The expected <c>nonce</c>.</param>
public sealed record KeyBindingExpectation(string Audience, string Nonce);
