namespace Wallet.Client;

/// <summary>
/// When the wallet encrypts its Credential Requests and asks for encrypted Credential Responses (OpenID4VCI 1.0 §8.2, §10).
/// Asking for an encrypted response always comes with an encrypted request (§8.2), so both go together.
/// </summary>
public enum CredentialEncryptionPolicy
{
    /// <summary>Only when the issuer's metadata says <c>encryption_required</c> for requests or responses.</summary>
    WhenRequired,

    /// <summary>Whenever the issuer publishes <c>credential_request_encryption</c> and <c>credential_response_encryption</c>.</summary>
    WhenOffered,

    /// <summary>Always; the credential step fails when the issuer offers no encryption.</summary>
    Always,
}
