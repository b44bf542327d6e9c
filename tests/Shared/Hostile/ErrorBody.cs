namespace Wallet.Tests.Hostile;

/// <summary>The error body an endpoint owes a bad request.</summary>
public enum ErrorBody
{
    /// <summary>OAuth / OpenID4VC error JSON with a registered <c>error</c> code (RFC 6749 §5.2, RFC 6750 §3.1, RFC 9449, OpenID4VCI 1.0 §8.3.1.2, OpenID4VP 1.0).</summary>
    OAuth,

    /// <summary>RFC 9457 <c>application/problem+json</c>, for our own APIs.</summary>
    Problem,

    /// <summary>The HTML error page, for pages a browser shows.</summary>
    Page,
}
