namespace Wallet.Issuer.Protocol;

/// <summary>
/// A Credential Response (OpenID4VCI 1.0 §8.3, §9.2): either the credentials, one per key proof, with their
/// <c>notification_id</c>; or, deferred, a <c>transaction_id</c> and the <c>interval</c> to wait — never both (§8.3).
/// </summary>
internal sealed record CredentialResponse
{
    private CredentialResponse()
    {
    }

    public IReadOnlyList<string> Credentials { get; private init; } = [];

    public string? NotificationId { get; private init; }

    public string? TransactionId { get; private init; }

    /// <summary>Seconds the Wallet waits before polling the Deferred Credential Endpoint.</summary>
    public long Interval { get; private init; }

    public bool IsDeferred => TransactionId is not null;

    /// <summary>The key and <c>enc</c> the response is encrypted with, when the request asked for it (§8.3, §10).</summary>
    public Core.OpenId4Vci.CredentialResponseEncryption? Encryption { get; init; }

    public static CredentialResponse Issued(IReadOnlyList<string> credentials, string notificationId) => new() { Credentials = credentials, NotificationId = notificationId };

    public static CredentialResponse Deferred(string transactionId, TimeSpan interval) => new() { TransactionId = transactionId, Interval = (long)interval.TotalSeconds };
}
