namespace Wallet.Issuer.Protocol;

/// <summary>A credential request as received.</summary>
/// <param name="Authorization">Every <c>Authorization</c> header value.</param>
/// <param name="DpopHeaders">Every <c>DPoP</c> header value.</param>
/// <param name="IsJson">True when the content type is <c>application/json</c>.</param>
/// <param name="Body">The body bytes (already bounded by the endpoint).</param>
/// <param name="IsJwt">True when the content type is <c>application/jwt</c>: an encrypted request (OpenID4VCI 1.0 §10).</param>
internal sealed record CredentialEndpointRequest(IReadOnlyList<string> Authorization, IReadOnlyList<string> DpopHeaders, bool IsJson, ReadOnlyMemory<byte> Body, bool IsJwt = false);
