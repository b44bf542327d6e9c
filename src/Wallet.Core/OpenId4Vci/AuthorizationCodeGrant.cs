namespace Wallet.Core.OpenId4Vci;

/// <summary>The <c>authorization_code</c> grant of a Credential Offer (OpenID4VCI 1.0 §4.1.1).</summary>
/// <param name="IssuerState">Opaque value the Wallet sends back as <c>issuer_state</c> in the Authorization Request.</param>
/// <param name="AuthorizationServer">The authorization server to use, when the issuer has several.</param>
public sealed record AuthorizationCodeGrant(string? IssuerState = null, string? AuthorizationServer = null)
{
    /// <summary>The grant type identifier.</summary>
    public const string GrantType = "authorization_code";
}
