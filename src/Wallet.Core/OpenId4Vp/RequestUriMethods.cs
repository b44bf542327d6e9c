namespace Wallet.Core.OpenId4Vp;

/// <summary>The values of <c>request_uri_method</c> (OpenID4VP 1.0 §5.1; case-sensitive; absent means GET).</summary>
public static class RequestUriMethods
{
    /// <summary>The Wallet fetches the Request Object with GET (RFC 9101).</summary>
    public const string Get = "get";

    /// <summary>The Wallet POSTs <c>wallet_metadata</c> and <c>wallet_nonce</c> to obtain the Request Object (§5.10).</summary>
    public const string Post = "post";
}
