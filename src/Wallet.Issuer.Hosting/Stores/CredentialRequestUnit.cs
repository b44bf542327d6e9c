using Wallet.Core.OAuth;

namespace Wallet.Issuer.Stores;

/// <summary>
/// The writes of one Credential Request: the DPoP proof's <c>jti</c>, the <c>c_nonce</c> its key proofs carry, and
/// the records of the credentials issued. Validation asks <see cref="ReplayCache"/> and <see cref="ConsumeNonceAsync"/>
/// as it would ask the stores; <c>CommitAsync</c> then writes what was decided, whether or not credentials were
/// issued, so a failed request uses up its proof and nonce exactly as before.
/// </summary>
internal abstract class CredentialRequestUnit
{
    /// <summary>The replay cache the DPoP proof validator uses for this request.</summary>
    public abstract IDpopReplayCache ReplayCache { get; }

    /// <summary>Consumes (or, deferred, reserves) the <c>c_nonce</c> with this hash; false when it is unknown, used or expired.</summary>
    public abstract ValueTask<bool> ConsumeNonceAsync(string nonceHash, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the request's outcome: <paramref name="issued"/> (empty when the request failed) together with any deferred
    /// consumption, and the audit entries and usage counts of <paramref name="outcome"/> if all of that commits. A
    /// deferred consumption that another request won meanwhile fails the commit, and nothing is written.
    /// </summary>
    public abstract ValueTask<CredentialRequestCommit> CommitAsync(IReadOnlyList<IssuedCredentialRecord> issued, CredentialRequestOutcome outcome, CancellationToken cancellationToken);

    /// <summary>As the other overload, with nothing to audit or count.</summary>
    public ValueTask<CredentialRequestCommit> CommitAsync(IReadOnlyList<IssuedCredentialRecord> issued, CancellationToken cancellationToken) =>
        CommitAsync(issued, CredentialRequestOutcome.None, cancellationToken);
}
