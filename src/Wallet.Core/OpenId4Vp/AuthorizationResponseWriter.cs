using System.Text;
using System.Text.Json.Nodes;
using Wallet.Core.Jose;

namespace Wallet.Core.OpenId4Vp;

/// <summary>
/// The Wallet side of the authorization response (OpenID4VP 1.0 §8.2, §8.3.1): the form parameters to POST to the
/// <c>response_uri</c>, in the clear for <c>direct_post</c> or as a JWE for <c>direct_post.jwt</c>.
/// </summary>
public static class AuthorizationResponseWriter
{
    /// <summary>The parameters of a successful response for <paramref name="request"/>, encrypted when its response mode asks for it.</summary>
    /// <param name="request">The validated request.</param>
    /// <param name="vpToken">The presentations.</param>
    /// <param name="preferredEncryption">The <c>enc</c> to use when the Verifier supports it; otherwise A256GCM if supported (HAIP 1.0 §5), else the first supported.</param>
    public static IReadOnlyDictionary<string, string> CreateResponse(AuthorizationRequest request, VpToken vpToken, JweContentEncryption? preferredEncryption = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(vpToken);
        var parameters = new JsonObject { ["vp_token"] = vpToken.ToJsonObject() };
        if (request.State is not null)
        {
            parameters["state"] = request.State;
        }

        return Finish(request, parameters, preferredEncryption);
    }

    /// <summary>The parameters of an error response (§8.5), e.g. <c>access_denied</c>; encrypted when the response mode asks for it.</summary>
    public static IReadOnlyDictionary<string, string> CreateError(AuthorizationRequest request, string error, string? errorDescription = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(error);
        var parameters = new JsonObject { ["error"] = error };
        if (errorDescription is not null)
        {
            parameters["error_description"] = errorDescription;
        }

        if (request.State is not null)
        {
            parameters["state"] = request.State;
        }

        return Finish(request, parameters, null);
    }

    private static Dictionary<string, string> Finish(AuthorizationRequest request, JsonObject parameters, JweContentEncryption? preferred)
    {
        if (request.ResponseMode != ResponseModes.DirectPostJwt)
        {
            // direct_post: each parameter form-encoded, JSON values as their JSON text (§8.2).
            return parameters.ToDictionary(p => p.Key, p => p.Value is JsonValue value && value.TryGetValue<string>(out var text) ? text : p.Value!.ToJsonString(), StringComparer.Ordinal);
        }

        var metadata = request.ClientMetadata;
        var key = metadata.EncryptionKey ?? throw new InvalidOperationException("The request has no encryption key although its response mode is direct_post.jwt.");
        var supported = metadata.EncryptedResponseEncValuesSupported;
        var enc = preferred is not null && supported.Contains(preferred)
            ? preferred
            : supported.Contains(JweContentEncryption.A256GCM) ? JweContentEncryption.A256GCM : supported[0];
        var jwe = EcdhEsJwe.Encrypt(Encoding.UTF8.GetBytes(parameters.ToJsonString()), key, enc, key.KeyId);
        return new Dictionary<string, string>(StringComparer.Ordinal) { ["response"] = jwe };
    }
}
