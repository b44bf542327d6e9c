using Wallet.Core.StatusList;
using Wallet.Issuer.Stores;

namespace Wallet.Issuer.Protocol;

/// <summary>The agency's revocation and suspension of issued credentials through their status-list entries (Token Status List §7).</summary>
internal sealed class CredentialStatusService(IIssuedCredentialStore issued, StatusListProvider statusLists, Statistics.IssuerMetrics metrics)
{
    /// <summary>Sets the status; null when the credential is unknown, otherwise the list's refusal or success.</summary>
    public async ValueTask<StatusListIssuerResult?> SetAsync(string credentialId, TokenStatus status, CancellationToken cancellationToken)
    {
        var record = credentialId.Length <= 64 ? await issued.FindAsync(credentialId, cancellationToken).ConfigureAwait(false) : null;
        if (record is null)
        {
            return null;
        }

        var result = await statusLists.Issuer.SetStatusAsync(new StatusListReference(record.StatusIndex, new Uri(record.StatusListUri)), status, cancellationToken).ConfigureAwait(false);
        metrics.StatusListUpdated(status.ToString(), result.Succeeded);
        return result;
    }

    public ValueTask<IReadOnlyList<IssuedCredentialRecord>> ListAsync(string personId, CancellationToken cancellationToken) =>
        issued.ListByPersonAsync(personId, cancellationToken);
}
