namespace Wallet.Core.OpenId4Vci;

/// <summary>The <c>urn:ietf:params:oauth:grant-type:pre-authorized_code</c> grant of a Credential Offer (OpenID4VCI 1.0 §4.1.1).</summary>
/// <param name="PreAuthorizedCode">The short-lived, single-use code the Wallet redeems at the token endpoint.</param>
/// <param name="TxCode">Present when a Transaction Code is required.</param>
/// <param name="AuthorizationServer">The authorization server to use, when the issuer has several.</param>
public sealed record PreAuthorizedCodeGrant(string PreAuthorizedCode, TransactionCode? TxCode = null, string? AuthorizationServer = null)
{
    /// <summary>The grant type identifier (RFC 8693 style URN of OpenID4VCI 1.0 §4.1.1, §6.1).</summary>
    public const string GrantType = "urn:ietf:params:oauth:grant-type:pre-authorized_code";
}
