using Wallet.Core.OAuth;

namespace Wallet.Hosting;

/// <summary>
/// An OAuth / OpenID4VC error as protocol code returns it: the <c>error</c> code, a sanitized <c>error_description</c>
/// and what the wire needs besides (a DPoP nonce, a challenge). It carries no HTTP status: the endpoint layer maps it
/// with <see cref="ProtocolErrorResponse"/>.
/// </summary>
/// <param name="Error">The <c>error</c> code.</param>
/// <param name="Description">The description, restricted to the RFC 6749 §5.2 character set.</param>
public sealed record ProtocolError(string Error, string Description)
{
    /// <summary>Send a fresh <c>DPoP-Nonce</c> header with the error (RFC 9449 §8, §9).</summary>
    public bool IncludeDpopNonce { get; init; }

    /// <summary>
    /// The error comes from a protected resource, which answers with a <c>WWW-Authenticate</c> challenge
    /// (RFC 6750 §3, RFC 9449 §7.1), rather than from the authorization server.
    /// </summary>
    public bool IsResourceServerError { get; init; }

    /// <summary>Creates an error, sanitizing the description.</summary>
    /// <param name="error">The <c>error</c> code.</param>
    /// <param name="description">The description; characters outside RFC 6749 §5.2 are replaced.</param>
    public static ProtocolError Create(string error, string description) => new(error, OAuthErrorDescription.Sanitize(description));
}
