using Wallet.Core.Dcql;
using Wallet.Core.Jose;

namespace Wallet.Client;

/// <summary>A credential the wallet holds, with the holder key it is bound to.</summary>
public abstract class StoredCredential
{
    private protected StoredCredential(string credentialIssuer, string configurationId, SigningKey holderKey)
    {
        CredentialIssuer = credentialIssuer;
        ConfigurationId = configurationId;
        HolderKey = holderKey;
    }

    /// <summary>The Credential Issuer Identifier it came from.</summary>
    public string CredentialIssuer { get; }

    /// <summary>The credential configuration it was issued under.</summary>
    public string ConfigurationId { get; }

    /// <summary>The key whose public half the issuer bound into the credential (<c>cnf</c> / deviceKey).</summary>
    public SigningKey HolderKey { get; }

    /// <summary>The <c>notification_id</c> of the Credential Response it came in (OpenID4VCI 1.0 §8.3), when the issuer gave one.</summary>
    public string? NotificationId { get; internal set; }

    /// <summary>The Credential Format Identifier: <c>dc+sd-jwt</c> or <c>mso_mdoc</c>.</summary>
    public abstract string Format { get; }

    /// <summary>The type: the SD-JWT VC <c>vct</c> or the mdoc <c>docType</c>.</summary>
    public abstract string Type { get; }

    /// <summary>The view of this credential that DCQL matching works on.</summary>
    public abstract DcqlCredential ToDcqlCredential();
}
