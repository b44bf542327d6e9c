using Wallet.Core.Jose;

namespace Wallet.Core.SdJwt;

/// <summary>What the holder puts in a Key Binding JWT (RFC 9901 §4.3).</summary>
/// <param name="HolderKey">The private key whose public half is the credential's <c>cnf.jwk</c>.</param>
/// <param name="Audience">The verifier's identifier (OpenID4VP: the <c>client_id</c>).</param>
/// <param name="Nonce">The verifier's nonce.</param>
/// <param name="IssuedAt">The <c>iat</c>; now when null.</param>
public sealed record KeyBindingOptions(SigningKey HolderKey, string Audience, string Nonce, DateTimeOffset? IssuedAt = null)
{
    /// <summary>Further KB-JWT claims, e.g. OpenID4VP <c>transaction_data_hashes</c> (B.3.3); they cannot replace the four of RFC 9901 §4.3.</summary>
    public System.Text.Json.Nodes.JsonObject? AdditionalClaims { get; init; }
}
