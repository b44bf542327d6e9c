using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Wallet.Core.Jose;
using Wallet.Core.Security;

namespace Wallet.Core.OAuth;

/// <summary>The client side of DPoP (RFC 9449 §4): creating proofs and the values derived from them.</summary>
public static class DpopProof
{
    /// <summary>The explicit type of a DPoP proof (RFC 9449 §4.2).</summary>
    public const string Type = "dpop+jwt";

    /// <summary>The HTTP header that carries a proof, and the authorization scheme of DPoP-bound tokens.</summary>
    public const string HeaderName = "DPoP";

    /// <summary>The HTTP header in which a server supplies a nonce (RFC 9449 §8).</summary>
    public const string NonceHeaderName = "DPoP-Nonce";

    /// <summary>
    /// Creates a DPoP proof (RFC 9449 §4.2) signed by <paramref name="key"/>, whose public half goes into the
    /// <c>jwk</c> header.
    /// </summary>
    /// <param name="key">The client's DPoP key.</param>
    /// <param name="httpMethod">The <c>htm</c>: the request method, for example <c>POST</c>.</param>
    /// <param name="httpUri">The request URI; query and fragment are dropped for <c>htu</c>.</param>
    /// <param name="issuedAt">The <c>iat</c>.</param>
    /// <param name="nonce">The server-provided nonce, when the server asked for one.</param>
    /// <param name="accessToken">The access token presented with the request; adds <c>ath</c>.</param>
    /// <param name="jti">The <c>jti</c>; a fresh random value when null.</param>
    public static string Create(SigningKey key, string httpMethod, Uri httpUri, DateTimeOffset issuedAt, string? nonce = null, string? accessToken = null, string? jti = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(httpMethod);
        ArgumentNullException.ThrowIfNull(httpUri);
        var payload = new JsonObject
        {
            ["jti"] = jti ?? RandomHandle.Create(16),
            ["htm"] = httpMethod,
            ["htu"] = NormalizeHtu(httpUri),
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
        };
        if (nonce is not null)
        {
            payload["nonce"] = nonce;
        }

        if (accessToken is not null)
        {
            payload["ath"] = ComputeAccessTokenHash(accessToken);
        }

        // The public key is written without kid: the proof is verified with the embedded key only.
        var jwk = PublicJwk.FromECDsa(key.Key).ToJsonObject();
        return JwsWriter.Sign(new SigningKey(key.Key), Type, payload.ToJsonString(), additionalHeaders: new Dictionary<string, object> { ["jwk"] = ToDictionary(jwk) });
    }

    /// <summary>The <c>ath</c> value: base64url SHA-256 of the ASCII access token (RFC 9449 §4.2).</summary>
    public static string ComputeAccessTokenHash(string accessToken)
    {
        ArgumentNullException.ThrowIfNull(accessToken);
        return Base64UrlStrict.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)));
    }

    /// <summary>
    /// The form of a URI compared as <c>htu</c> (RFC 9449 §4.3 check 9): scheme and host in lower case, the default port
    /// dropped, the path as is, no query and no fragment.
    /// </summary>
    /// <exception cref="ArgumentException">The URI is relative.</exception>
    public static string NormalizeHtu(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri)
        {
            throw new ArgumentException("The htu must be an absolute URI.", nameof(uri));
        }

        return uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
    }

    private static Dictionary<string, object> ToDictionary(JsonObject jwk) =>
        jwk.ToDictionary(p => p.Key, p => (object)p.Value!.GetValue<string>(), StringComparer.Ordinal);
}
