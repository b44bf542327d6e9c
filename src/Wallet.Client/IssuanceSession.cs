using Wallet.Core.Jose;

namespace Wallet.Client;

/// <summary>A DPoP-bound access token at one issuer, with the DPoP key and the server's latest DPoP nonce.</summary>
public sealed class IssuanceSession
{
    internal IssuanceSession(IssuerContext issuer, string accessToken, SigningKey dpopKey, string? dpopNonce, IReadOnlyList<string> credentialIdentifiers, string? clientId)
    {
        Issuer = issuer;
        AccessToken = accessToken;
        DpopKey = dpopKey;
        DpopNonce = dpopNonce;
        CredentialIdentifiers = credentialIdentifiers;
        ClientId = clientId;
    }

    /// <summary>The issuer.</summary>
    public IssuerContext Issuer { get; }

    /// <summary>The access token (<c>token_type</c> DPoP).</summary>
    public string AccessToken { get; }

    /// <summary>The key the token is bound to (RFC 9449 <c>cnf.jkt</c>).</summary>
    public SigningKey DpopKey { get; }

    /// <summary>The last <c>DPoP-Nonce</c> the issuer sent.</summary>
    public string? DpopNonce { get; internal set; }

    /// <summary>The <c>credential_identifiers</c> of the token response's <c>authorization_details</c>; requests then name one of them.</summary>
    public IReadOnlyList<string> CredentialIdentifiers { get; }

    /// <summary>
    /// The refresh token of the grant (RFC 6749 §6), bound to <see cref="DpopKey"/>; null when the issuer gave none.
    /// <see cref="OpenId4VciClient.RefreshAsync"/> uses it once and keeps its rotated successor in the new session.
    /// </summary>
    public string? RefreshToken { get; internal set; }

    /// <summary>The authenticated <c>client_id</c>, written as <c>iss</c> into key proofs; null for anonymous pre-authorized access.</summary>
    public string? ClientId { get; }
}
