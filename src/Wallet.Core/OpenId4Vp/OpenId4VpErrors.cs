namespace Wallet.Core.OpenId4Vp;

/// <summary>The <c>error</c> values OpenID4VP adds to those of OAuth 2.0 (OpenID4VP 1.0 §8.5).</summary>
public static class OpenId4VpErrors
{
    /// <summary>The Wallet does not support any of the formats the Verifier requested (OpenID4VP 1.0 §8.5).</summary>
    public const string VpFormatsNotSupported = "vp_formats_not_supported";

    /// <summary>The <c>request_uri_method</c> is neither <c>get</c> nor <c>post</c>, or the request URI does not accept the method used (OpenID4VP 1.0 §5.10, §8.5).</summary>
    public const string InvalidRequestUriMethod = "invalid_request_uri_method";

    /// <summary>The <c>transaction_data</c> could not be processed (OpenID4VP 1.0 §8.5).</summary>
    public const string InvalidTransactionData = "invalid_transaction_data";

    /// <summary>The Wallet is unavailable to answer the request (OpenID4VP 1.0 §8.5).</summary>
    public const string WalletUnavailable = "wallet_unavailable";
}
