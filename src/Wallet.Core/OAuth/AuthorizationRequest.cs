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

    /// <summary>The <c>openid_credential</c> authorization details, in order, with their <c>claims</c> (§5.1.1, Appendix B.1).</summary>
    public IReadOnlyList<CredentialAuthorizationDetail> AuthorizationDetails { get; init; } = [];

    /// <summary>The most claims description objects accepted in one authorization details entry.</summary>
    public const int MaxClaimsPerDetail = 64;

    /// <summary>The most segments accepted in one claims path pointer.</summary>
    public const int MaxClaimPathLength = 8;

    /// <summary>The client's <c>state</c>, returned unchanged.</summary>
    public string? State { get; init; }

    /// <summary>The <c>issuer_state</c> from a Credential Offer; not trusted blindly (OpenID4VCI §5.1.3).</summary>
    public string? IssuerState { get; init; }

    /// <summary>The <c>dpop_jkt</c>: the DPoP key the code is bound to (RFC 9449 §10).</summary>
    public string? DpopJkt { get; init; }

    /// <summary>Parses the parameters of a pushed authorization request, each name mapped to every value received, with the default <see cref="RedirectUriPolicy"/>.</summary>
    public static bool TryParse(IReadOnlyDictionary<string, string[]> parameters, [NotNullWhen(true)] out AuthorizationRequest? request, [NotNullWhen(false)] out VerificationError? error) =>
        TryParse(parameters, RedirectUriPolicy.Default, out request, out error);

    /// <summary>Parses the parameters of a pushed authorization request, checking <c>redirect_uri</c> against <paramref name="redirectUriPolicy"/>.</summary>
    public static bool TryParse(IReadOnlyDictionary<string, string[]> parameters, RedirectUriPolicy redirectUriPolicy, [NotNullWhen(true)] out AuthorizationRequest? request, [NotNullWhen(false)] out VerificationError? error)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(redirectUriPolicy);
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

        if (!redirectUriPolicy.TryValidate(Get("redirect_uri"), out var redirectUri, out error))
        {
            return false;
        }

        if (!Pkce.TryValidateChallenge(Get("code_challenge"), Get("code_challenge_method"), out error))
        {
            return false;
        }

        var scopes = Get("scope")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var details = new List<CredentialAuthorizationDetail>();
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
            AuthorizationDetailsConfigurationIds = [.. details.Select(d => d.CredentialConfigurationId)],
            AuthorizationDetails = details,
            State = Get("state"),
            IssuerState = Get("issuer_state"),
            DpopJkt = Get("dpop_jkt"),
        };
        error = null;
        return true;
    }

    private static bool TryParseDetails(string json, List<CredentialAuthorizationDetail> details, [NotNullWhen(false)] out VerificationError? error)
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
                error = new(OAuthErrorCodes.AuthorizationRequestDetailsInvalid, Message);
                return false;
            }

            IReadOnlyList<RequestedClaim>? claims = null;
            if (detail.TryGetProperty("claims", out var claimsElement) && !TryParseClaims(claimsElement, out claims, out error))
            {
                return false;
            }

            details.Add(new CredentialAuthorizationDetail(id.GetString()!, claims));
        }

        error = null;
        return true;
    }

    // Appendix B.1: a non-empty array of objects, each with a non-empty path (Appendix C) and an optional boolean
    // mandatory; other members are ignored so that later extensions do not break the request.
    private static bool TryParseClaims(JsonElement element, [NotNullWhen(true)] out IReadOnlyList<RequestedClaim>? claims, [NotNullWhen(false)] out VerificationError? error)
    {
        claims = null;
        static VerificationError Fail(string reason) => new(OAuthErrorCodes.AuthorizationRequestDetailsClaimsInvalid, $"The 'claims' of an authorization_details entry is invalid: {reason} (OpenID4VCI 1.0 Appendix B.1).");
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
        {
            error = Fail("it must be a non-empty array of claims description objects");
            return false;
        }

        if (element.GetArrayLength() > MaxClaimsPerDetail)
        {
            error = Fail($"more than {MaxClaimsPerDetail} claims description objects");
            return false;
        }

        var list = new List<RequestedClaim>(element.GetArrayLength());
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("path", out var pathElement))
            {
                error = Fail("each entry must be an object with a 'path'");
                return false;
            }

            if (pathElement.ValueKind == JsonValueKind.Array && pathElement.GetArrayLength() > MaxClaimPathLength)
            {
                error = Fail($"a path has more than {MaxClaimPathLength} components");
                return false;
            }

            if (!Claims.ClaimPath.TryParse(pathElement, out var path, out var pathError))
            {
                error = Fail(pathError);
                return false;
            }

            var mandatory = false;
            if (item.TryGetProperty("mandatory", out var mandatoryElement))
            {
                if (mandatoryElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    error = Fail("'mandatory' must be a boolean");
                    return false;
                }

                mandatory = mandatoryElement.GetBoolean();
            }

            list.Add(new RequestedClaim(path, mandatory));
        }

        claims = list;
        error = null;
        return true;
    }
}
