namespace Wallet.Issuer.Protocol;

/// <summary>A successful token response (RFC 6749 §5.1, RFC 9449 §5).</summary>
/// <param name="AccessToken">The opaque access token.</param>
/// <param name="TokenType"><c>DPoP</c> when bound, otherwise <c>Bearer</c>.</param>
/// <param name="ExpiresIn">Lifetime in seconds.</param>
internal sealed record TokenResponse(string AccessToken, string TokenType, long ExpiresIn);
