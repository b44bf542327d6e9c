using System.Diagnostics.CodeAnalysis;

namespace Wallet.Core.OpenId4Vp;

/// <summary>
/// The authorization request a Verifier hands to the Wallet by QR code or link: <c>client_id</c> and
/// <c>request_uri</c> (HAIP 1.0 §5.1: signed requests by reference), with <c>request_uri_method</c> when POST.
/// </summary>
/// <param name="ClientId">The full Client Identifier.</param>
/// <param name="RequestUri">Where the Request Object is fetched.</param>
/// <param name="RequestUriMethod"><see cref="RequestUriMethods.Get"/> or <see cref="RequestUriMethods.Post"/>.</param>
public sealed record AuthorizationRequestUri(string ClientId, Uri RequestUri, string RequestUriMethod)
{
    /// <summary>The custom scheme of OpenID4VP 1.0 §13.1.</summary>
    public const string DefaultScheme = "openid4vp";

    /// <summary>The URI, e.g. <c>openid4vp://?client_id=…&amp;request_uri=…</c>; <c>request_uri_method</c> is sent only for POST.</summary>
    public string ToUri(string scheme = DefaultScheme)
    {
        ArgumentException.ThrowIfNullOrEmpty(scheme);
        var uri = $"{scheme}://?client_id={Uri.EscapeDataString(ClientId)}&request_uri={Uri.EscapeDataString(RequestUri.AbsoluteUri)}";
        return RequestUriMethod == RequestUriMethods.Post ? $"{uri}&request_uri_method={RequestUriMethods.Post}" : uri;
    }

    /// <summary>Reads an authorization request URI (Wallet side): <c>client_id</c> and an absolute <c>request_uri</c> are required; <c>request</c> by value is refused.</summary>
    public static bool TryParse(string uri, [NotNullWhen(true)] out AuthorizationRequestUri? request, [NotNullWhen(false)] out VerificationError? error)
    {
        ArgumentNullException.ThrowIfNull(uri);
        request = null;
        var query = uri.IndexOf('?', StringComparison.Ordinal) is var q and >= 0 ? uri[(q + 1)..] : string.Empty;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            if (!parameters.TryAdd(name, value))
            {
                error = new(OpenId4VpErrorCodes.RequestParameterInvalid, $"The parameter '{(name.Length <= 32 ? name : name[..32])}' appears twice in the authorization request.");
                return false;
            }
        }

        if (parameters.ContainsKey("request"))
        {
            error = new(OpenId4VpErrorCodes.RequestParameterInvalid, "Signed requests must be passed by reference (request_uri), not by value (HAIP 1.0 §5.1).");
            return false;
        }

        if (!parameters.TryGetValue("client_id", out var clientId) || clientId.Length == 0
            || !parameters.TryGetValue("request_uri", out var requestUri) || !Uri.TryCreate(requestUri, UriKind.Absolute, out var parsedRequestUri)
            || (parsedRequestUri.Scheme != Uri.UriSchemeHttps && parsedRequestUri.Scheme != Uri.UriSchemeHttp))
        {
            error = new(OpenId4VpErrorCodes.RequestParameterMissing, "The authorization request needs client_id and an absolute http(s) request_uri.");
            return false;
        }

        var method = parameters.TryGetValue("request_uri_method", out var m) ? m : RequestUriMethods.Get;
        if (method is not (RequestUriMethods.Get or RequestUriMethods.Post))
        {
            error = new(OpenId4VpErrorCodes.RequestParameterInvalid, "request_uri_method must be 'get' or 'post' (OpenID4VP 1.0 §5.1, case-sensitive).");
            return false;
        }

        request = new AuthorizationRequestUri(clientId, parsedRequestUri, method);
        error = null;
        return true;
    }
}
