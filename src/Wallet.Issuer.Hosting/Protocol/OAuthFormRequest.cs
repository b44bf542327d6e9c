namespace Wallet.Issuer.Protocol;

/// <summary>A form-encoded OAuth request (token or PAR endpoint) as received: the form parameters (every value of each), the DPoP headers, and client attestation headers.</summary>
/// <param name="Form">Form parameters; a parameter sent twice has two values.</param>
/// <param name="IsForm">True when the body was <c>application/x-www-form-urlencoded</c>.</param>
/// <param name="DpopHeaders">Every <c>DPoP</c> header value.</param>
/// <param name="AttestationHeaders">Every <c>OAuth-Client-Attestation</c> header value.</param>
/// <param name="AttestationPopHeaders">Every <c>OAuth-Client-Attestation-PoP</c> header value.</param>
internal sealed record OAuthFormRequest(IReadOnlyDictionary<string, string[]> Form, bool IsForm, IReadOnlyList<string> DpopHeaders, IReadOnlyList<string> AttestationHeaders, IReadOnlyList<string> AttestationPopHeaders);
