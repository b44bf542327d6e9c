namespace Wallet.Issuer.Protocol;

/// <summary>A successful token response (RFC 6749 §5.1, RFC 9449 §5).</summary>
/// <param name="AccessToken">The opaque access token.</param>
/// <param name="TokenType"><c>DPoP</c> when bound, otherwise <c>Bearer</c>.</param>
/// <param name="ExpiresIn">Lifetime in seconds.</param>
internal sealed record TokenResponse(string AccessToken, string TokenType, long ExpiresIn)
{
    /// <summary>
    /// The configurations granted through <c>authorization_details</c>; each becomes an <c>openid_credential</c> entry
    /// whose <c>credential_identifiers</c> holds the configuration id (OpenID4VCI 1.0 §6.2).
    /// </summary>
    public IReadOnlyList<string>? CredentialIdentifiers { get; init; }

    /// <summary>The refresh token (RFC 6749 §5.1), DPoP-bound and single-use; null when none is issued.</summary>
    public string? RefreshToken { get; init; }
}
