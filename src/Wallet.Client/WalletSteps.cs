namespace Wallet.Client;

/// <summary>The names of the wallet's protocol steps, as reported in progress and in <see cref="WalletFlowException"/>.</summary>
public static class WalletSteps
{
    /// <summary>Parse the Credential Offer link and fetch the offer by reference (OpenID4VCI 1.0 §4.1).</summary>
    public const string Offer = "offer";

    /// <summary>Fetch the Credential Issuer and Authorization Server metadata (OpenID4VCI 1.0 §12.2, RFC 8414).</summary>
    public const string Metadata = "metadata";

    /// <summary>Push the authorization request (RFC 9126).</summary>
    public const string PushedAuthorizationRequest = "par";

    /// <summary>User authentication at the authorization endpoint and the redirect back (RFC 6749 §4.1.2, RFC 9207).</summary>
    public const string Authorize = "authorize";

    /// <summary>The token request (OpenID4VCI 1.0 §6, RFC 9449).</summary>
    public const string Token = "token";

    /// <summary>The Nonce Endpoint (OpenID4VCI 1.0 §7).</summary>
    public const string Nonce = "nonce";

    /// <summary>The Credential Endpoint (OpenID4VCI 1.0 §8).</summary>
    public const string Credential = "credential";

    /// <summary>Poll the Deferred Credential Endpoint until the credentials are ready (OpenID4VCI 1.0 §9).</summary>
    public const string DeferredCredential = "deferred_credential";

    /// <summary>Tell the issuer that the credentials were accepted, failed or deleted (OpenID4VCI 1.0 §11).</summary>
    public const string Notification = "notification";

    /// <summary>Fetch and validate the signed Request Object (OpenID4VP 1.0 §5.10, RFC 9101).</summary>
    public const string RequestObject = "request";

    /// <summary>Match the DCQL query against the stored credentials (OpenID4VP 1.0 §6).</summary>
    public const string Dcql = "dcql";

    /// <summary>Show the request's transaction data and obtain the End-User's consent (OpenID4VP 1.0 §5.1, §8.4).</summary>
    public const string Consent = "consent";

    /// <summary>Build the presentations (KB-JWT, DeviceResponse) and the encrypted response (OpenID4VP 1.0 §8).</summary>
    public const string Present = "present";

    /// <summary>Post the response to the <c>response_uri</c> (OpenID4VP 1.0 §8.2).</summary>
    public const string Response = "response";
}
