namespace Wallet.Core.OAuth;

/// <summary>The client-authentication parts of a request at the PAR or token endpoint.</summary>
/// <param name="AttestationHeaders">Every <c>OAuth-Client-Attestation</c> header value.</param>
/// <param name="PopHeaders">Every <c>OAuth-Client-Attestation-PoP</c> header value.</param>
/// <param name="ClientId">The request's <c>client_id</c> parameter, when sent; it must equal the attestation's <c>sub</c>.</param>
public sealed record ClientAttestationRequest(IReadOnlyList<string> AttestationHeaders, IReadOnlyList<string> PopHeaders, string? ClientId = null);
