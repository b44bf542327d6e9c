namespace Wallet.Core.OpenId4Vp;

/// <summary>The Client Identifier Prefixes this library implements (OpenID4VP 1.0 §5.9.3, HAIP 1.0 §5).</summary>
public static class ClientIdPrefixes
{
    /// <summary>The original identifier is a DNS name that must be a dNSName SAN of the request signing certificate.</summary>
    public const string X509SanDns = "x509_san_dns";

    /// <summary>The original identifier is the base64url SHA-256 hash of the DER request signing certificate; mandatory in HAIP 1.0 §5.</summary>
    public const string X509Hash = "x509_hash";
}
