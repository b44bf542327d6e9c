namespace Wallet.Core.Dcql;

/// <summary>
/// The <c>meta</c> of a Credential Query (OpenID4VP 1.0 §6.1): constraints on the credential's metadata, defined per
/// Credential Format. Typed for <c>dc+sd-jwt</c> and <c>mso_mdoc</c>; kept as raw JSON for other formats.
/// </summary>
public abstract class CredentialQueryMeta
{
    private protected CredentialQueryMeta()
    {
    }
}
