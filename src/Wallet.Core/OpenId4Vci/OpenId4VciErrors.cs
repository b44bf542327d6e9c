namespace Wallet.Core.OpenId4Vci;

/// <summary>The <c>error</c> values of Credential Endpoint error responses (OpenID4VCI 1.0 §8.3.1.2).</summary>
public static class OpenId4VciErrors
{
    /// <summary>The Credential Request is missing a parameter, has an unsupported value, or is otherwise malformed.</summary>
    public const string InvalidCredentialRequest = "invalid_credential_request";

    /// <summary>The requested Credential Configuration is unknown.</summary>
    public const string UnknownCredentialConfiguration = "unknown_credential_configuration";

    /// <summary>The requested Credential identifier is unknown.</summary>
    public const string UnknownCredentialIdentifier = "unknown_credential_identifier";

    /// <summary>The <c>proofs</c> are missing, one is invalid, or one lacks a <c>c_nonce</c>.</summary>
    public const string InvalidProof = "invalid_proof";

    /// <summary>The <c>c_nonce</c> in the proofs is invalid or stale: the Wallet fetches a new one from the Nonce Endpoint.</summary>
    public const string InvalidNonce = "invalid_nonce";

    /// <summary>The encryption parameters are invalid or unsupported.</summary>
    public const string InvalidEncryptionParameters = "invalid_encryption_parameters";

    /// <summary>The request will not be granted; the Wallet should not retry it.</summary>
    public const string CredentialRequestDenied = "credential_request_denied";

    /// <summary>Deferred Credential Endpoint (§9.3): the <c>transaction_id</c> is unknown, was already used, or belongs to another access token.</summary>
    public const string InvalidTransactionId = "invalid_transaction_id";

    /// <summary>Notification Endpoint (§11.3): the <c>notification_id</c> was not issued to the holder of this access token.</summary>
    public const string InvalidNotificationId = "invalid_notification_id";

    /// <summary>Notification Endpoint (§11.3): the Notification Request is malformed.</summary>
    public const string InvalidNotificationRequest = "invalid_notification_request";
}
