using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Wallet.Core.Jose;
using Wallet.Core.StatusList;

namespace Wallet.Core.OpenId4Vci;

/// <summary>
/// A key attestation in JWT format (OpenID4VCI 1.0 Appendix D.1) that passed every check of a
/// <see cref="KeyAttestationValidator"/>: the keys of one key storage component and the attack potential resistance
/// of that storage and of its user authentication, signed by the wallet provider (<c>x5c</c>, HAIP 1.0 §4.5.1).
/// </summary>
public sealed class KeyAttestation
{
    /// <summary>The explicit type of a key attestation JWT (Appendix D.1).</summary>
    public const string Type = "key-attestation+jwt";

    /// <summary>The proof type that carries a key attestation alone, without proof of possession (Appendix F.3).</summary>
    public const string ProofType = "attestation";

    /// <summary>The JOSE header of a <c>jwt</c> key proof that carries a key attestation (Appendix F.1).</summary>
    public const string HeaderName = "key_attestation";

    internal KeyAttestation(string raw, IReadOnlyList<PublicJwk> attestedKeys, DateTimeOffset issuedAt, DateTimeOffset? expiresAt, IReadOnlyList<string> keyStorage, IReadOnlyList<string> userAuthentication, string? certification, string? nonce, StatusListReference? status, IReadOnlyList<X509Certificate2> certificateChain)
    {
        Raw = raw;
        AttestedKeys = attestedKeys;
        IssuedAt = issuedAt;
        ExpiresAt = expiresAt;
        KeyStorage = keyStorage;
        UserAuthentication = userAuthentication;
        Certification = certification;
        Nonce = nonce;
        Status = status;
        CertificateChain = certificateChain;
    }

    /// <summary>The JWT exactly as received.</summary>
    public string Raw { get; }

    /// <summary><c>attested_keys</c>: the public keys, in their order; never empty.</summary>
    public IReadOnlyList<PublicJwk> AttestedKeys { get; }

    /// <summary><c>iat</c>.</summary>
    public DateTimeOffset IssuedAt { get; }

    /// <summary><c>exp</c>, when present; always present when the attestation came in a <c>jwt</c> proof.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    /// <summary><c>key_storage</c>; empty when absent.</summary>
    public IReadOnlyList<string> KeyStorage { get; }

    /// <summary><c>user_authentication</c>; empty when absent.</summary>
    public IReadOnlyList<string> UserAuthentication { get; }

    /// <summary><c>certification</c>: a URL of the key storage component's certification, when present.</summary>
    public string? Certification { get; }

    /// <summary><c>nonce</c>, when present.</summary>
    public string? Nonce { get; }

    /// <summary>The <c>status</c> reference, when present; it was found valid.</summary>
    public StatusListReference? Status { get; }

    /// <summary>The validated chain, leaf first, ending with the trust anchor.</summary>
    public IReadOnlyList<X509Certificate2> CertificateChain { get; }

    /// <summary>
    /// Creates a key attestation signed by <paramref name="attesterKey"/> with its certificate chain in <c>x5c</c>
    /// (HAIP 1.0 §4.5.1: the chain excludes the trust anchor, whose certificate the key's chain must not hold).
    /// </summary>
    /// <param name="attesterKey">The wallet provider's (or key storage component's) key with its certificate chain.</param>
    /// <param name="attestedKeys">The <c>attested_keys</c>; at least one.</param>
    /// <param name="issuedAt">The <c>iat</c>.</param>
    /// <param name="expiresAt">The <c>exp</c>; required when the attestation goes into a <c>jwt</c> proof.</param>
    /// <param name="nonce">The <c>c_nonce</c>, when the issuer provided one.</param>
    /// <param name="keyStorage">The <c>key_storage</c> values (<see cref="AttackPotentialResistance"/>).</param>
    /// <param name="userAuthentication">The <c>user_authentication</c> values.</param>
    /// <param name="status">A <c>status</c> entry in the wallet provider's status list.</param>
    /// <param name="certification">The <c>certification</c> URL.</param>
    public static string Create(SigningKey attesterKey, IReadOnlyList<PublicJwk> attestedKeys, DateTimeOffset issuedAt, DateTimeOffset? expiresAt, string? nonce, IReadOnlyList<string>? keyStorage = null, IReadOnlyList<string>? userAuthentication = null, StatusListReference? status = null, string? certification = null)
    {
        ArgumentNullException.ThrowIfNull(attesterKey);
        ArgumentNullException.ThrowIfNull(attestedKeys);
        if (attestedKeys.Count == 0)
        {
            throw new ArgumentException("A key attestation attests at least one key (Appendix D.1).", nameof(attestedKeys));
        }

        var payload = new JsonObject
        {
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["attested_keys"] = new JsonArray(attestedKeys.Select(k => (JsonNode)k.ToJsonObject()).ToArray()),
        };
        if (expiresAt is { } exp)
        {
            payload["exp"] = exp.ToUnixTimeSeconds();
        }

        if (keyStorage is { Count: > 0 })
        {
            payload["key_storage"] = new JsonArray(keyStorage.Select(v => (JsonNode)v).ToArray());
        }

        if (userAuthentication is { Count: > 0 })
        {
            payload["user_authentication"] = new JsonArray(userAuthentication.Select(v => (JsonNode)v).ToArray());
        }

        if (certification is not null)
        {
            payload["certification"] = certification;
        }

        if (nonce is not null)
        {
            payload["nonce"] = nonce;
        }

        if (status is not null)
        {
            payload["status"] = StatusClaim.ToJsonObject(status);
        }

        return JwsWriter.Sign(attesterKey, Type, payload.ToJsonString(), includeCertificateChain: true);
    }
}
