using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Wallet.Core.Json;

namespace Wallet.Core.OAuth;

/// <summary>
/// An OAuth 2.0 authorization request for credential issuance as pushed to the PAR endpoint (RFC 9126 §2.1,
/// RFC 6749 §4.1.1, OpenID4VCI 1.0 §5.1): <c>response_type=code</c>, <c>client_id</c>, <c>redirect_uri</c>, PKCE with
/// S256 only (HAIP 1.0 §4), <c>scope</c> and/or <c>authorization_details</c> of type <c>openid_credential</c>,
/// optional <c>state</c>, <c>issuer_state</c> and <c>dpop_jkt</c>. Unknown parameters are ignored (OpenID4VCI §5.1.3).
/// </summary>
public sealed record AuthorizationRequest
{
    /// <summary>The <c>authorization_details</c> type of OpenID4VCI (§5.1.1).</summary>
    public const string OpenIdCredentialType = "openid_credential";

    /// <summary>The <c>client_id</c>.</summary>
    public required string ClientId { get; init; }

    /// <summary>The <c>redirect_uri</c>.</summary>
    public required Uri RedirectUri { get; init; }

    /// <summary>The S256 <c>code_challenge</c>.</summary>
    public required string CodeChallenge { get; init; }

    /// <summary>The scope values, each requesting one credential type.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>The <c>credential_configuration_id</c>s of the <c>openid_credential</c> authorization details.</summary>
    public IReadOnlyList<string> AuthorizationDetailsConfigurationIds { get; init; } = [];

    /// <summary>The client's <c>state</c>, returned unchanged.</summary>
    public string? State { get; init; }

    /// <summary>The <c>issuer_state</c> from a Credential Offer; not trusted blindly (OpenID4VCI §5.1.3).</summary>
    public string? IssuerState { get; init; }

    /// <summary>The <c>dpop_jkt</c>: the DPoP key the code is bound to (RFC 9449 §10).</summary>
    public string? DpopJkt { get; init; }

    /// <summary>Parses the parameters of a pushed authorization request, each name mapped to every value received.</summary>
    public static bool TryParse(IReadOnlyDictionary<string, string[]> parameters, [NotNullWhen(true)] out AuthorizationRequest? request, [NotNullWhen(false)] out VerificationError? error)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        request = null;
        if (parameters.FirstOrDefault(p => p.Value.Length > 1) is { Key: { } repeated })
        {
            error = new(OAuthErrorCodes.AuthorizationRequestParameterRepeated, $"The parameter '{repeated}' is repeated (RFC 6749 §3.1).");
            return false;
        }

        string? Get(string name) => parameters.TryGetValue(name, out var values) && values.Length == 1 && values[0].Length > 0 ? values[0] : null;

        if (parameters.ContainsKey("request_uri"))
        {
            error = new(OAuthErrorCodes.AuthorizationRequestRequestUriNotAllowed, "'request_uri' must not be sent to the pushed authorization request endpoint (RFC 9126 §2.1).");
            return false;
        }

        foreach (var name in new[] { "response_type", "client_id", "redirect_uri" })
        {
            if (Get(name) is null)
            {
                error = new(OAuthErrorCodes.AuthorizationRequestParameterMissing, $"The parameter '{name}' is missing (RFC 6749 §4.1.1).");
                return false;
            }
        }

        if (Get("response_type") != "code")
        {
            error = new(OAuthErrorCodes.AuthorizationRequestResponseTypeUnsupported, "Only response_type 'code' is supported (RFC 6749 §4.1.1).");
            return false;
        }

        if (!Uri.TryCreate(Get("redirect_uri"), UriKind.Absolute, out var redirectUri) || !string.IsNullOrEmpty(redirectUri.Fragment) || redirectUri.Scheme is "javascript" or "data" or "file" || (redirectUri.Scheme == Uri.UriSchemeHttp && !redirectUri.IsLoopback))
        {
            error = new(OAuthErrorCodes.AuthorizationRequestRedirectUriInvalid, "'redirect_uri' must be an absolute https, loopback or private-use URI without fragment (RFC 6749 §3.1.2, RFC 8252 §7).");
            return false;
        }

        if (!Pkce.TryValidateChallenge(Get("code_challenge"), Get("code_challenge_method"), out error))
        {
            return false;
        }

        var scopes = Get("scope")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var details = new List<string>();
        if (Get("authorization_details") is { } json && !TryParseDetails(json, details, out error))
        {
            return false;
        }

        if (scopes.Length == 0 && details.Count == 0)
        {
            error = new(OAuthErrorCodes.AuthorizationRequestNothingRequested, "The request names no credential: give 'scope' or 'authorization_details' (OpenID4VCI 1.0 §5.1).");
            return false;
        }

        request = new AuthorizationRequest
        {
            ClientId = Get("client_id")!,
            RedirectUri = redirectUri,
            CodeChallenge = Get("code_challenge")!,
            Scopes = scopes,
            AuthorizationDetailsConfigurationIds = details,
            State = Get("state"),
            IssuerState = Get("issuer_state"),
            DpopJkt = Get("dpop_jkt"),
        };
        error = null;
        return true;
    }

    private static bool TryParseDetails(string json, List<string> configurationIds, [NotNullWhen(false)] out VerificationError? error)
    {
        const string Message = "'authorization_details' must be a JSON array of objects of type 'openid_credential' with a 'credential_configuration_id' (OpenID4VCI 1.0 §5.1.1).";
        if (!StrictJson.TryParseElement(json, 16, allowDuplicateProperties: true, out var root, out var jsonError))
        {
            error = StrictJson.Failure(jsonError, OAuthErrorCodes.AuthorizationRequestDetailsInvalid, Message);
            return false;
        }

        error = new(OAuthErrorCodes.AuthorizationRequestDetailsInvalid, Message);
        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() is 0 or > 32)
        {
            return false;
        }

        foreach (var detail in root.EnumerateArray())
        {
            if (detail.ValueKind != JsonValueKind.Object
                || !detail.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
                || type.GetString() != OpenIdCredentialType
                || !detail.TryGetProperty("credential_configuration_id", out var id) || id.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(id.GetString()))
            {
                return false;
            }

            configurationIds.Add(id.GetString()!);
        }

        error = null;
        return true;
    }
}
