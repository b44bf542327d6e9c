using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Wallet.Core.OpenId4Vci;
using Wallet.Core.Security;
using Wallet.Hosting;
using Wallet.Issuer.Options;
using Wallet.Issuer.Pid;
using Wallet.Issuer.Stores;

namespace Wallet.Issuer.Protocol;

/// <summary>Creates Credential Offers for the agency API and serves them by reference (OpenID4VCI 1.0 §4.1).</summary>
internal sealed class OfferService(IOptions<IssuerOptions> options, IssuerEndpoints endpoints, IOfferStore offers, IAuthenticSource authenticSource, Statistics.IssuerStatistics statistics, TimeProvider timeProvider)
{
    /// <param name="request">The agency's request.</param>
    /// <param name="representationId">For the Power of Representation: the relation (checked by the caller); the request's person is its representative.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async ValueTask<(CreatedOffer? Offer, IReadOnlyDictionary<string, string[]>? Problems)> CreateAsync(CreateOfferRequest request, CancellationToken cancellationToken, string? representationId = null)
    {
        var settings = options.Value;
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        // Left out: the PID configurations; the age verification attestation is offered when asked for.
        var kind = representationId is null ? CredentialKind.Pid : CredentialKind.Representation;
        var ids = request.CredentialConfigurationIds ?? [.. settings.CredentialConfigurations.Where(c => CredentialKinds.Of(c.Value) == kind).Select(c => c.Key)];
        var unknown = ids.Where(id => id is null || !settings.CredentialConfigurations.ContainsKey(id)).ToArray();
        if (ids.Count == 0 || ids.Distinct(StringComparer.Ordinal).Count() != ids.Count || unknown.Length > 0)
        {
            // The caller cannot read the metadata's list from here, so the answer names it.
            var valid = string.Join(", ", settings.CredentialConfigurations.Keys.Order(StringComparer.Ordinal).Select(id => $"'{id}'"));
            problems["credentialConfigurationIds"] = unknown.Length > 0
                ? [$"Unknown credential configuration {string.Join(", ", unknown.Select(id => id is null ? "null" : $"'{id}'"))}; the configured ones are {valid}."]
                : [$"Must be one or more distinct identifiers of configured credential configurations: {valid}."];
        }

        // A representation attestation states a relation of the register, so it is offered for one and only with its own kind.
        var misplaced = ids.Where(id => id is not null && settings.CredentialConfigurations.TryGetValue(id, out var c) && (CredentialKinds.Of(c) == CredentialKind.Representation) != (representationId is not null)).ToArray();
        if (unknown.Length == 0 && misplaced.Length > 0)
        {
            problems["credentialConfigurationIds"] = [representationId is null
                ? $"{string.Join(", ", misplaced.Select(id => $"'{id}'"))} is the representation attestation: offer it for a relation with POST /api/representations/{{id}}/offers."
                : $"{string.Join(", ", misplaced.Select(id => $"'{id}'"))} is not a representation attestation configuration."];
        }

        string? inlineClaims = null;
        var hasClaims = request.Claims is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined };
        if (request.PersonId is null == !hasClaims)
        {
            problems["personId"] = ["Give exactly one of personId and claims."];
        }
        else if (request.PersonId is { } personId)
        {
            if (personId.Length > 128 || await authenticSource.FindAsync(personId, cancellationToken).ConfigureAwait(false) is null)
            {
                problems["personId"] = ["No person with this identifier is known to the authentic source."];
            }
        }
        else if (!PidClaimsReader.TryRead(request.Claims!.Value, settings.IssuingAuthority, settings.IssuingCountry, out _, out var claimProblems))
        {
            problems["claims"] = [.. claimProblems];
        }
        else
        {
            inlineClaims = request.Claims!.Value.GetRawText();
        }

        if (request.AuthorizationCode && request.PersonId is null)
        {
            problems["authorizationCode"] = ["An authorization-code offer needs personId: the signed-in person must be the offer's subject."];
        }

        if (request.AuthorizationCode && request.TxCode)
        {
            problems["txCode"] = ["A transaction code belongs to the pre-authorized code grant; the authorization-code grant authenticates the user instead."];
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var offerId = Random(16);
        var code = Random(32);
        string? txCode = null;
        if (request.TxCode)
        {
            txCode = string.Concat(Enumerable.Range(0, settings.TxCodeLength).Select(_ => RandomNumberGenerator.GetInt32(10).ToString(CultureInfo.InvariantCulture)));
        }

        var now = timeProvider.GetUtcNow();
        var codeHash = SecretHash.Of(code);
        var record = new OfferRecord(
            offerId,
            codeHash,
            code,
            txCode is null ? null : SecretHash.OfTransactionCode(codeHash, txCode),
            txCode?.Length,
            ids,
            request.PersonId,
            inlineClaims,
            now,
            now + settings.OfferLifetime)
        {
            IsAuthorizationCode = request.AuthorizationCode,
            RepresentationId = representationId,
        };
        await offers.AddAsync(record, cancellationToken).ConfigureAwait(false);
        await statistics.OfferCreatedAsync(ids).ConfigureAwait(false);
        return (new CreatedOffer(offerId, LinkFor(offerId), endpoints.At("/offers/" + offerId).AbsoluteUri, txCode, record.ExpiresAt), null);
    }

    /// <summary>The <c>openid-credential-offer://</c> link carrying the offer <paramref name="offerId"/> by reference.</summary>
    public string LinkFor(string offerId) => CredentialOfferLink.ByReference(endpoints.Offer(offerId)).ToUri();

    /// <summary>The stored offer while it is open (not redeemed, not expired), else null.</summary>
    public async ValueTask<OfferRecord?> FindOpenRecordAsync(string offerId, CancellationToken cancellationToken)
    {
        if (offerId.Length > 64)
        {
            return null;
        }

        var record = await offers.FindAsync(offerId, cancellationToken).ConfigureAwait(false);
        return record is null || record.Redeemed || record.PreAuthorizedCode is null || record.ExpiresAt <= timeProvider.GetUtcNow() ? null : record;
    }

    /// <summary>The offer document for <paramref name="offerId"/> while it is open (not redeemed, not expired), else null.</summary>
    public async ValueTask<CredentialOffer?> FindOpenAsync(string offerId, CancellationToken cancellationToken)
    {
        var record = await FindOpenRecordAsync(offerId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        if (record.IsAuthorizationCode)
        {
            return new CredentialOffer
            {
                CredentialIssuer = endpoints.Issuer,
                CredentialConfigurationIds = record.ConfigurationIds,
                AuthorizationCode = new AuthorizationCodeGrant(record.PreAuthorizedCode),
            };
        }

        return new CredentialOffer
        {
            CredentialIssuer = endpoints.Issuer,
            CredentialConfigurationIds = record.ConfigurationIds,
            PreAuthorizedCode = new PreAuthorizedCodeGrant(
                record.PreAuthorizedCode!,
                record.TxCodeLength is { } length ? new TransactionCode(TxCodeInputMode.Numeric, length, "Enter the code you received from the PID provider") : null),
        };
    }

    private static string Random(int bytes) => RandomHandle.Create(bytes);
}
