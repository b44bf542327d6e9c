namespace Wallet.Issuer.Protocol;

/// <summary>An immediate Credential Response (OpenID4VCI 1.0 §8.3): the credentials, one per key proof, and their <c>notification_id</c>.</summary>
internal sealed record CredentialResponse(IReadOnlyList<string> Credentials, string NotificationId)
{
    /// <summary>The key and <c>enc</c> the response is encrypted with, when the request asked for it (§8.3, §10).</summary>
    public Core.OpenId4Vci.CredentialResponseEncryption? Encryption { get; init; }
}
