namespace Wallet.Core.Dcql;

/// <summary>Trusted Authorities Query types defined by OpenID4VP 1.0 §6.1.1.</summary>
public static class TrustedAuthorityTypes
{
    /// <summary>Base64url KeyIdentifier of an AuthorityKeyIdentifier of a certificate in the credential's issuer chain (§6.1.1.1).</summary>
    public const string Aki = "aki";

    /// <summary>Identifier of an ETSI Trusted List (§6.1.1.2).</summary>
    public const string EtsiTrustedList = "etsi_tl";

    /// <summary>Entity Identifier of an OpenID Federation trust anchor or intermediate (§6.1.1.3).</summary>
    public const string OpenIdFederation = "openid_federation";
}
