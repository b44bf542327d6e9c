using System.Text.Json;

namespace Wallet.Tests.Hostile;

/// <summary>Checks that an answer to a hostile request is a 4xx with the error body its endpoint owes.</summary>
public static class HostileResponse
{
    /// <summary>The <c>error</c> codes registered for the endpoints of both services.</summary>
    public static readonly IReadOnlySet<string> RegisteredErrors = new HashSet<string>(StringComparer.Ordinal)
    {
        // RFC 6749 §4.1.2.1, §5.2; RFC 6750 §3.1; RFC 9449 §5, §7.1, §8; RFC 9126 §2.3.
        "invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type", "invalid_scope",
        "access_denied", "unsupported_response_type", "invalid_token", "insufficient_scope", "invalid_dpop_proof", "use_dpop_nonce",
        "invalid_request_uri", "invalid_request_object",
        // OpenID4VCI 1.0 §6.3, §8.3.1.2, §9.3, §11.3; OpenID4VP 1.0 §8.5; RFC 9396 §5.
        "invalid_credential_request", "unknown_credential_configuration", "unknown_credential_identifier", "invalid_proof",
        "invalid_nonce", "invalid_encryption_parameters", "credential_request_denied", "invalid_transaction_id",
        "invalid_notification_id", "invalid_notification_request", "invalid_authorization_details", "invalid_request_uri_method",
        "vp_formats_not_supported",
    };

    /// <summary>Null when the answer to <paramref name="request"/> is right for <paramref name="body"/>; otherwise what is wrong.</summary>
    public static async Task<string?> CheckAsync(HostileRequest request, HttpResponseMessage response, ErrorBody body)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        var type = response.Content.Headers.ContentType?.MediaType;
        if (status is < 400 && request.MayBeIgnored)
        {
            return null;
        }

        if (status is < 400 or >= 500)
        {
            return $"status {status}, expected a 4xx";
        }

        // A method the route does not map is refused by routing, before any protocol handler: a problem is its body.
        if (status == 405 && type == "application/problem+json")
        {
            return null;
        }

        return body switch
        {
            ErrorBody.OAuth => CheckOAuth(response, status, type, text),
            ErrorBody.Problem => type == "application/problem+json" && HasMember(text, "status") ? null : $"{status} with '{type}' is not an RFC 9457 problem: {Excerpt(text)}",
            _ => type == "text/html" && text.Contains("<html", StringComparison.OrdinalIgnoreCase) ? null : $"{status} with '{type}' is not the HTML error page: {Excerpt(text)}",
        };
    }

    private static string? CheckOAuth(HttpResponseMessage response, int status, string? type, string text)
    {
        // RFC 6750 §3.1: a request without any credentials may get a bare challenge with no error code.
        if (status == 401 && text.Length == 0 && response.Headers.WwwAuthenticate.Count > 0)
        {
            return null;
        }

        if (type != "application/json")
        {
            return $"{status} with '{type}' is not OAuth error JSON: {Excerpt(text)}";
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
                && RegisteredErrors.Contains(error.GetString()!)
                ? null
                : $"{status}: no registered 'error' in {Excerpt(text)}";
        }
        catch (JsonException)
        {
            return $"{status}: body is not JSON: {Excerpt(text)}";
        }
    }

    private static bool HasMember(string text, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Excerpt(string text) => text.Length <= 160 ? text : text[..160] + "…";
}
