using System.Text.Json.Nodes;
using Wallet.Core.Jose;

namespace Wallet.Core.OpenId4Vci;

/// <summary>The Wallet side of the <c>jwt</c> key proof type (OpenID4VCI 1.0 Appendix F.1).</summary>
public static class KeyProof
{
    /// <summary>The explicit type of a key proof JWT.</summary>
    public const string Type = "openid4vci-proof+jwt";

    /// <summary>The proof type name inside <c>proofs</c>.</summary>
    public const string ProofType = "jwt";

    /// <summary>
    /// Creates a key proof for <paramref name="holderKey"/>: header <c>typ</c>, <c>alg</c> and the public <c>jwk</c>;
    /// claims <c>aud</c>, <c>iat</c>, and <c>nonce</c> / <c>iss</c> when given.
    /// </summary>
    /// <param name="holderKey">The key the credential will be bound to.</param>
    /// <param name="credentialIssuer">The Credential Issuer Identifier (<c>aud</c>).</param>
    /// <param name="issuedAt">The <c>iat</c>.</param>
    /// <param name="nonce">The <c>c_nonce</c> from the Nonce Endpoint, when the issuer has one.</param>
    /// <param name="clientId">The Wallet's <c>client_id</c> (<c>iss</c>); omit it in anonymous pre-authorized flows.</param>
    public static string Create(SigningKey holderKey, string credentialIssuer, DateTimeOffset issuedAt, string? nonce, string? clientId = null)
        => CreateCore(holderKey, credentialIssuer, issuedAt, nonce, clientId, null);

    private static string CreateCore(SigningKey holderKey, string credentialIssuer, DateTimeOffset issuedAt, string? nonce, string? clientId, string? keyAttestation)
    {
        ArgumentNullException.ThrowIfNull(holderKey);
        ArgumentException.ThrowIfNullOrEmpty(credentialIssuer);
        var payload = new JsonObject { ["aud"] = credentialIssuer, ["iat"] = issuedAt.ToUnixTimeSeconds() };
        if (nonce is not null)
        {
            payload["nonce"] = nonce;
        }

        if (clientId is not null)
        {
            payload["iss"] = clientId;
        }

        var jwk = PublicJwk.FromECDsa(holderKey.Key).ToJsonObject().ToDictionary(p => p.Key, p => (object)p.Value!.GetValue<string>(), StringComparer.Ordinal);
        var headers = new Dictionary<string, object> { ["jwk"] = jwk };
        if (keyAttestation is not null)
        {
            headers[KeyAttestation.HeaderName] = keyAttestation;
        }

        return JwsWriter.Sign(new SigningKey(holderKey.Key), Type, payload.ToJsonString(), additionalHeaders: headers);
    }

    /// <summary>
    /// Creates a key proof that carries a key attestation in its <c>key_attestation</c> header (Appendix F.1):
    /// <paramref name="holderKey"/> must be one of the attestation's <c>attested_keys</c>, and the attestation's
    /// <c>nonce</c> the same <c>c_nonce</c>. The issuer binds a credential to each attested key.
    /// </summary>
    /// <param name="holderKey">One of the attested keys; it signs the proof.</param>
    /// <param name="credentialIssuer">The Credential Issuer Identifier (<c>aud</c>).</param>
    /// <param name="issuedAt">The <c>iat</c>.</param>
    /// <param name="nonce">The <c>c_nonce</c>.</param>
    /// <param name="clientId">The Wallet's <c>client_id</c> (<c>iss</c>), or null.</param>
    /// <param name="keyAttestation">The key attestation JWT (<see cref="KeyAttestation.Create"/>).</param>
    public static string CreateWithKeyAttestation(SigningKey holderKey, string credentialIssuer, DateTimeOffset issuedAt, string? nonce, string? clientId, string keyAttestation)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyAttestation);
        return CreateCore(holderKey, credentialIssuer, issuedAt, nonce, clientId, keyAttestation);
    }
}
