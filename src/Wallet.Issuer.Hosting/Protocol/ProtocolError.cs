using Wallet.Core.OAuth;

namespace Wallet.Issuer.Protocol;

/// <summary>An OAuth / OpenID4VCI error to put on the wire: status, <c>error</c>, a sanitized <c>error_description</c>.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Error">The <c>error</c> code.</param>
/// <param name="Description">The description, restricted to the RFC 6749 §5.2 character set.</param>
public sealed record ProtocolError(int Status, string Error, string Description)
{
    /// <summary>Send a fresh <c>DPoP-Nonce</c> header with the error (RFC 9449 §8, §9).</summary>
    public bool IncludeDpopNonce { get; init; }

    /// <summary>Answer with <c>WWW-Authenticate: DPoP error=…</c> (resource server errors, RFC 9449 §7.1, RFC 6750 §3).</summary>
    public bool IsResourceServerError { get; init; }

    /// <summary>Creates an error, sanitizing the description.</summary>
    public static ProtocolError Create(int status, string error, string description) => new(status, error, OAuthErrorDescription.Sanitize(description));
}
