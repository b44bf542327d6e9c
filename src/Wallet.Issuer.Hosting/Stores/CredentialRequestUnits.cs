using Microsoft.EntityFrameworkCore;
using Wallet.Core.OAuth;
using Wallet.Issuer.Stores.Ef;

namespace Wallet.Issuer.Stores;

/// <summary>
/// Begins the unit of writes of each Credential Request: one database transaction when the nonce, replay and issued
/// credential stores are the issuer's own EF stores (one database), otherwise the host's stores called one by one.
/// </summary>
internal sealed class CredentialRequestUnits(
    INonceStore nonces,
    IDpopReplayCache replayCache,
    IIssuedCredentialStore issued,
    IDbContextFactory<IssuerDbContext> database,
    IIssuerDatabaseWrites writes,
    CredentialRequestOutcomeWriter outcomes)
{
    private readonly bool _oneTransaction = nonces is EfNonceStore && replayCache is EfDpopReplayCache && issued is EfIssuedCredentialStore;

    public CredentialRequestUnit Begin() =>
        _oneTransaction ? new EfCredentialRequestUnit(database, writes, outcomes) : new StoreCredentialRequestUnit(nonces, replayCache, issued, outcomes);
}
