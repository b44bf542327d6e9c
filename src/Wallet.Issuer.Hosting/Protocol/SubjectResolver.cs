using Microsoft.Extensions.Options;
using Wallet.Core.Json;
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
            // Stored from a request body that passed StrictJson; read back through it all the same.
            return StrictJson.TryParseElement(json, 16, allowDuplicateProperties: false, out var claims, out _)
                && PidClaimsReader.TryRead(claims, options.Value.IssuingAuthority, options.Value.IssuingCountry, out var pid, out _) ? pid : null;
        }

        return null;
    }
}
