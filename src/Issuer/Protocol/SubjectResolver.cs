using System.Text.Json;
using Microsoft.Extensions.Options;
using Wallet.Core.Pid;
using Wallet.Issuer.Options;
using Wallet.Issuer.Pid;
using Wallet.Issuer.Stores;

namespace Wallet.Issuer.Protocol;

/// <summary>The PID of an offer's subject: from the authentic source by person id, or the claims passed inline.</summary>
internal sealed class SubjectResolver(IAuthenticSource authenticSource, IOptions<IssuerOptions> options)
{
    public ValueTask<PersonIdentificationData?> ResolvePersonAsync(string personId, CancellationToken cancellationToken) =>
        authenticSource.FindAsync(personId, cancellationToken);

    public async ValueTask<PersonIdentificationData?> ResolveAsync(OfferRecord offer, CancellationToken cancellationToken)
    {
        if (offer.PersonId is { } personId)
        {
            return await authenticSource.FindAsync(personId, cancellationToken).ConfigureAwait(false);
        }

        if (offer.InlineClaimsJson is { } json)
        {
            using var document = JsonDocument.Parse(json);
            return PidClaimsReader.TryRead(document.RootElement, options.Value.IssuingAuthority, options.Value.IssuingCountry, out var pid, out _) ? pid : null;
        }

        return null;
    }
}
