using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Wallet.Core.Jose;

/// <summary>
/// Creates compact JWS tokens from an exact payload JSON text, so that what is signed is byte for byte
/// what the caller built (the SD-JWT digests depend on it).
/// </summary>
public static class JwsWriter
{
    // Default times would silently add iat/nbf/exp claims the caller did not ask for.
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    // The default factory caches signature providers by the key's JWK thumbprint, so a new ECDsa instance of a key
    // signed with before would be handed the provider holding the earlier instance, which the caller may have disposed.
    private static readonly CryptoProviderFactory ProviderFactory = new() { CacheSignatureProviders = false };

    /// <summary>Signs <paramref name="payloadJson"/> with <paramref name="key"/>.</summary>
    /// <param name="key">Signing key; its <c>kid</c> is added to the header when set.</param>
    /// <param name="type">The <c>typ</c> header (explicit typing, RFC 8725 §3.11).</param>
    /// <param name="payloadJson">The exact payload JSON text.</param>
    /// <param name="includeCertificateChain">Adds the key's certificate chain as <c>x5c</c>.</param>
    /// <param name="additionalHeaders">Further header members (strings, numbers, lists, dictionaries).</param>
    public static string Sign(SigningKey key, string type, string payloadJson, bool includeCertificateChain = false, IReadOnlyDictionary<string, object>? additionalHeaders = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentNullException.ThrowIfNull(payloadJson);
        var header = new Dictionary<string, object>(StringComparer.Ordinal) { ["typ"] = type };
        if (includeCertificateChain)
        {
            if (key.CertificateChain.Count == 0)
            {
                throw new InvalidOperationException("The signing key has no certificate chain to put in 'x5c'.");
            }

            header["x5c"] = key.CertificateChain.Select(c => Convert.ToBase64String(c.RawData)).ToList();
        }

        foreach (var (name, value) in additionalHeaders ?? new Dictionary<string, object>())
        {
            header[name] = value;
        }

        var securityKey = new ECDsaSecurityKey(key.Key) { KeyId = key.KeyId };
        var credentials = new SigningCredentials(securityKey, key.Algorithm.Name) { CryptoProviderFactory = ProviderFactory };
        return Handler.CreateToken(payloadJson, credentials, header);
    }
}
