namespace Wallet.Core.OpenId4Vp;

/// <summary>The response modes of OpenID4VP 1.0 §8.2 and §8.3.1 this library implements.</summary>
public static class ResponseModes
{
    /// <summary>The Wallet POSTs the response parameters form-encoded to <c>response_uri</c>.</summary>
    public const string DirectPost = "direct_post";

    /// <summary>The Wallet POSTs a JWE of the response parameters as <c>response</c> to <c>response_uri</c>; mandatory in HAIP 1.0 §5.1.</summary>
    public const string DirectPostJwt = "direct_post.jwt";

    /// <summary>True for <see cref="DirectPost"/> and <see cref="DirectPostJwt"/> (case-sensitive).</summary>
    public static bool IsSupported(string? value) => value is DirectPost or DirectPostJwt;
}
