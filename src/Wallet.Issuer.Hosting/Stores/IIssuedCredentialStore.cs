namespace Wallet.Issuer.Stores;

/// <summary>What was issued, for revocation and the per-person listing.</summary>
public interface IIssuedCredentialStore
{
    /// <summary>Stores the records of one Credential Request (a batch) together.</summary>
    ValueTask AddAsync(IReadOnlyList<IssuedCredentialRecord> credentials, CancellationToken cancellationToken = default);

    /// <summary>The record with this id, or null.</summary>
    ValueTask<IssuedCredentialRecord?> FindAsync(string credentialId, CancellationToken cancellationToken = default);

    /// <summary>Everything issued for the person, newest first.</summary>
    ValueTask<IReadOnlyList<IssuedCredentialRecord>> ListByPersonAsync(string personId, CancellationToken cancellationToken = default);

    /// <summary>The records of the Credential Response with this <c>notification_id</c> (a batch shares one); empty when unknown.</summary>
    ValueTask<IReadOnlyList<IssuedCredentialRecord>> ListByNotificationAsync(string notificationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records <paramref name="notificationEvent"/> on every record with this <c>notification_id</c>; the same event
    /// again changes nothing (§11.2: the endpoint is idempotent).
    /// </summary>
    ValueTask RecordNotificationAsync(string notificationId, string notificationEvent, DateTimeOffset at, CancellationToken cancellationToken = default);
}
