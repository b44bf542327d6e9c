using System.Net.Http.Headers;
using System.Text.Json;
using Wallet.Core.Http;
using Wallet.Core.Jose;
using Wallet.Core.Json;
using Wallet.Core.SdJwt;

namespace Wallet.Core.SdJwtVc;

/// <summary>
/// Resolves the Issuer key from JWT VC Issuer Metadata (draft-ietf-oauth-sd-jwt-vc-18 §3): fetches
/// <c>/.well-known/jwt-vc-issuer</c> for the <c>iss</c> of the credential, requires its <c>issuer</c> to equal
/// <c>iss</c>, and picks the key from <c>jwks</c> or <c>jwks_uri</c> by <c>kid</c>.
/// </summary>
/// <remarks>HAIP 1.0 makes <c>x5c</c> the mandatory mechanism; this resolver is the alternative for ecosystems that publish metadata.</remarks>
/// <param name="httpClient">The client used for both fetches; the caller configures timeouts and handlers.</param>
/// <param name="options">Limits and transport policy.</param>
public sealed class JwtVcIssuerMetadataKeyResolver(HttpClient httpClient, JwtVcIssuerMetadataOptions? options = null) : ISdJwtIssuerKeyResolver
{
    private readonly HttpClient _httpClient = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
    private readonly JwtVcIssuerMetadataOptions _options = options ?? new JwtVcIssuerMetadataOptions();

    /// <summary>The metadata URL for an Issuer identifier: the well-known segment goes between host and path (§3.1).</summary>
    public static Uri GetMetadataUri(Uri issuer)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        var path = issuer.AbsolutePath.TrimEnd('/');
        return new Uri($"{issuer.GetLeftPart(UriPartial.Authority)}/.well-known/jwt-vc-issuer{path}");
    }

    /// <inheritdoc />
    public async ValueTask<IssuerKeyResolution> ResolveAsync(CompactJws issuerSignedJwt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issuerSignedJwt);
        var iss = issuerSignedJwt.Payload.TryGetProperty("iss", out var issValue) && issValue.ValueKind == JsonValueKind.String ? issValue.GetString() : null;
        if (iss is null || !Uri.TryCreate(iss, UriKind.Absolute, out var issuer) || !string.IsNullOrEmpty(issuer.Query) || !string.IsNullOrEmpty(issuer.Fragment) || !IsAllowedScheme(issuer))
        {
            return Failed(SdJwtVcErrorCodes.NoKeySource, "JWT VC Issuer Metadata needs 'iss' to be an https URL without query or fragment (draft-ietf-oauth-sd-jwt-vc-18 §3).");
        }

        var metadataUri = GetMetadataUri(issuer);
        using var metadata = await FetchJsonAsync(metadataUri, cancellationToken).ConfigureAwait(false);
        if (metadata is null)
        {
            return Failed(SdJwtVcErrorCodes.IssuerMetadataInvalid, $"JWT VC Issuer Metadata could not be fetched from {metadataUri} as JSON within {_options.MaxResponseBytes} bytes.");
        }

        var root = metadata.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("issuer", out var issuerValue) || issuerValue.ValueKind != JsonValueKind.String
            || !string.Equals(issuerValue.GetString(), iss, StringComparison.Ordinal))
        {
            return Failed(SdJwtVcErrorCodes.IssuerMetadataInvalid, $"The metadata at {metadataUri} does not name '{iss}' as its 'issuer' (draft-ietf-oauth-sd-jwt-vc-18 §3.3).");
        }

        var hasJwks = root.TryGetProperty("jwks", out var jwks);
        var hasJwksUri = root.TryGetProperty("jwks_uri", out var jwksUriValue);
        if (hasJwks == hasJwksUri)
        {
            return Failed(SdJwtVcErrorCodes.IssuerMetadataInvalid, $"The metadata at {metadataUri} must have exactly one of 'jwks' and 'jwks_uri' (draft-ietf-oauth-sd-jwt-vc-18 §3.2).");
        }

        JsonDocument? fetchedJwks = null;
        try
        {
            if (hasJwksUri)
            {
                if (jwksUriValue.ValueKind != JsonValueKind.String || !Uri.TryCreate(jwksUriValue.GetString(), UriKind.Absolute, out var jwksUri) || !IsAllowedScheme(jwksUri))
                {
                    return Failed(SdJwtVcErrorCodes.IssuerMetadataInvalid, $"The 'jwks_uri' in {metadataUri} is not an https URL.");
                }

                fetchedJwks = await FetchJsonAsync(jwksUri, cancellationToken).ConfigureAwait(false);
                if (fetchedJwks is null)
                {
                    return Failed(SdJwtVcErrorCodes.IssuerMetadataInvalid, $"The JWKS could not be fetched from {jwksUri}.");
                }

                jwks = fetchedJwks.RootElement;
            }

            return SelectKey(jwks, issuerSignedJwt.KeyId, iss);
        }
        finally
        {
            fetchedJwks?.Dispose();
        }
    }

    private static IssuerKeyResolution SelectKey(JsonElement jwks, string? kid, string issuer)
    {
        if (jwks.ValueKind != JsonValueKind.Object || !jwks.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            return IssuerKeyResolution.Failed([new VerificationError(SdJwtVcErrorCodes.IssuerMetadataInvalid, "The Issuer's JWKS has no 'keys' array (RFC 7517 §5).")]);
        }

        var candidates = keys.EnumerateArray()
            .Where(k => kid is null || (k.TryGetProperty("kid", out var keyId) && keyId.ValueKind == JsonValueKind.String && keyId.GetString() == kid))
            .ToArray();
        if (candidates.Length != 1)
        {
            var reason = kid is null ? $"the JWT has no 'kid' and the JWKS holds {candidates.Length} keys" : $"{candidates.Length} keys have kid '{kid}'";
            return IssuerKeyResolution.Failed([new VerificationError(SdJwtVcErrorCodes.IssuerKeyNotFound, $"No single Issuer key can be chosen: {reason}.")]);
        }

        return PublicJwk.TryParse(candidates[0], out var key, out var error)
            ? IssuerKeyResolution.Resolved(key, issuer)
            : IssuerKeyResolution.Failed([error]);
    }

    private bool IsAllowedScheme(Uri uri) => uri.Scheme == Uri.UriSchemeHttps || (_options.AllowHttpForLoopback && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);

    private async Task<JsonDocument?> FetchJsonAsync(Uri uri, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var body = await BoundedBody.ReadAsync(response.Content, _options.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
            if (body.IsTooLarge)
            {
                return null;
            }

            return StrictJson.TryParse(body.Bytes, 16, allowDuplicateProperties: false, out var document, out _) ? document : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return null;
        }
    }

    private static IssuerKeyResolution Failed(string code, string message) => IssuerKeyResolution.Failed([new VerificationError(code, message)]);
}
