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
}
