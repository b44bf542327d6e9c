namespace Wallet.Core.OAuth;

/// <summary>What a server knows about the HTTP request a DPoP proof arrived with.</summary>
/// <param name="ProofHeaders">Every value of the <c>DPoP</c> header, as received (exactly one is accepted).</param>
/// <param name="Method">The request method.</param>
/// <param name="RequestUri">The absolute request URI as the server is reached (its public base URL and the path).</param>
public sealed record DpopValidationRequest(IReadOnlyList<string> ProofHeaders, string Method, Uri RequestUri)
{
    /// <summary>The access token presented with the request (resource requests, RFC 9449 §7); requires a matching <c>ath</c>.</summary>
    public string? AccessToken { get; init; }

    /// <summary>The base64url JWK thumbprint the access token is bound to (<c>cnf.jkt</c>); the proof key must have it.</summary>
    public string? BoundKeyThumbprint { get; init; }
}
