namespace Wallet.Core.OAuth;

/// <summary>
/// One <c>authorization_details</c> entry of type <c>openid_credential</c> (OpenID4VCI 1.0 §5.1.1, RFC 9396 §2): the
/// credential configuration asked for and, optionally, the claims the Wallet wants in it.
/// </summary>
/// <param name="CredentialConfigurationId">The <c>credential_configuration_id</c>.</param>
/// <param name="Claims">
/// The <c>claims</c> (Appendix B.1), or null when absent: then the Wallet asks for every claim of the configuration.
/// </param>
public sealed record CredentialAuthorizationDetail(string CredentialConfigurationId, IReadOnlyList<RequestedClaim>? Claims);
