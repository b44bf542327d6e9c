using Wallet.Core.OpenId4Vci;

namespace Wallet.Client;

/// <summary>A Credential Issuer as the wallet discovered it.</summary>
/// <param name="Metadata">The Credential Issuer Metadata (OpenID4VCI 1.0 §12.2).</param>
/// <param name="AuthorizationServer">The metadata of the authorization server the wallet uses with it.</param>
public sealed record IssuerContext(CredentialIssuerMetadata Metadata, AuthorizationServerMetadata AuthorizationServer)
{
    /// <summary>The Credential Issuer Identifier.</summary>
    public string CredentialIssuer => Metadata.CredentialIssuer;
}
