using System.Text.Json.Nodes;

namespace Wallet.Client;

/// <summary>The parts of the OAuth 2.0 Authorization Server Metadata (RFC 8414) the wallet uses.</summary>
/// <param name="Issuer">The authorization server's issuer identifier (also the audience of attestation proofs).</param>
/// <param name="TokenEndpoint">The token endpoint.</param>
/// <param name="AuthorizationEndpoint">The authorization endpoint, when the authorization code grant is offered.</param>
/// <param name="PushedAuthorizationRequestEndpoint">The PAR endpoint (RFC 9126), when offered.</param>
/// <param name="IssParameterSupported">Whether authorization responses carry <c>iss</c> (RFC 9207); the wallet then requires it.</param>
public sealed record AuthorizationServerMetadata(string Issuer, Uri TokenEndpoint, Uri? AuthorizationEndpoint, Uri? PushedAuthorizationRequestEndpoint, bool IssParameterSupported)
{
    internal static AuthorizationServerMetadata Parse(JsonObject json, string expectedIssuer)
    {
        var issuer = WalletHttp.RequiredString(WalletSteps.Metadata, json, "issuer");
        if (!string.Equals(issuer, expectedIssuer, StringComparison.Ordinal))
        {
            // RFC 8414 §3.3: the issuer in the document must be the one its URL was built from.
            throw WalletHttp.Fail(WalletSteps.Metadata, WalletClientErrors.InvalidResponse, $"The authorization server metadata names the issuer '{issuer}', not '{expectedIssuer}' (RFC 8414 §3.3).");
        }

        return new AuthorizationServerMetadata(
            issuer,
            HttpsUri(json, "token_endpoint") ?? throw WalletHttp.Fail(WalletSteps.Metadata, WalletClientErrors.InvalidResponse, "The authorization server metadata has no https 'token_endpoint'."),
            HttpsUri(json, "authorization_endpoint"),
            HttpsUri(json, "pushed_authorization_request_endpoint"),
            json["authorization_response_iss_parameter_supported"] is JsonValue iss && iss.TryGetValue<bool>(out var supported) && supported);
    }

    private static Uri? HttpsUri(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            ? uri
            : null;
}
