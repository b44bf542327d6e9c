using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Core.Json;
using Wallet.Core.Mdoc;
using Wallet.Core.Representation;
using Wallet.Core.SdJwt;
using Wallet.Core.SdJwtVc;
using Wallet.Verifier.Endpoints;
using Wallet.Verifier.Transactions;
using Wallet.Verifier.Validation;

namespace Wallet.Verifier.Representation;

/// <summary>Decides a representation check's verified presentation with <see cref="RepresentationPolicy"/>.</summary>
internal sealed class RepresentationCheckReader(PresentationResultReader results, TimeProvider time) : IRelyingPartyCheckReader<RepresentationCheckView>
{
    /// <summary>The answer, or null when the transaction is unknown, another relying party's, or not a representation check.</summary>
    public async ValueTask<RepresentationCheckView?> GetAsync(string relyingPartyId, string transactionId, string? responseCode, CancellationToken cancellationToken)
    {
        var transaction = await results.FindAsync(relyingPartyId, transactionId, cancellationToken).ConfigureAwait(false);
        if (transaction?.RepresentationCheckJson is not { } stored
            || !StrictJson.TryParseElement(stored, 8, allowDuplicateProperties: false, out var element, out _)
            || element.ValueKind != JsonValueKind.Object
            || JsonObject.Create(element) is not { } json
            || RepresentationCheck.TryRead(json, out _) is not { } check)
        {
            return null;
        }

        var status = await results.GetStatusAsync(transaction, responseCode, cancellationToken).ConfigureAwait(false);
        switch (status.Status)
        {
            case "verified":
                // credential_sets pairs one PID with one representation, each in either format (OpenID4VP 1.0 §6.2).
                var pid = First(status.Credentials, RepresentationPolicy.PidQueryIds);
                var representation = First(status.Credentials, RepresentationPolicy.RepresentationQueryIds);
                var evidence = new RepresentationEvidence(
                    pid is null ? null : Attributes(pid),
                    pid?.HolderBinding ?? false,
                    representation is null ? null : Attributes(representation),
                    representation?.HolderBinding ?? false,
                    representation?.Status ?? "unchecked");
                var decision = RepresentationPolicy.Decide(evidence, check.ServiceId, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), check.Represented);
                return decision.IsAccepted
                    ? new("decided", check.ServiceId, true, decision.Statement, decision.Representation.Representative.ToString(), decision.Representation.Represented.ToString(), decision.Representation.Nature, decision.Representation.ScopeText, [])
                    : new("decided", check.ServiceId, false, null, null, null, null, null, [.. decision.Errors.Select(ResultError.From)]);
            case "rejected":
                return new("decided", check.ServiceId, false, null, null, null, null, null, WithRepresentationCodes(status.Errors));
            default:
                return new(status.Status, check.ServiceId, null, null, null, null, null, null, []);
        }
    }

    // The Verifier rejects a revoked, suspended or expired credential outright (fail closed), so the policy never sees it;
    // the answer still names the representation's check first when that credential was the representation (the message
    // names its Credential Query). A representation never outlives its last effective day, so its credential's expiry is
    // the relation's end.
    private static IReadOnlyList<ResultError> WithRepresentationCodes(IReadOnlyList<ResultError> errors)
    {
        var about = errors.Where(e => RepresentationPolicy.RepresentationQueryIds.Any(id => e.Message.Contains($"'{id}'", StringComparison.Ordinal))).ToList();
        List<ResultError> first = [];
        if (about.Any(e => e.Code is SdJwtVcErrorCodes.Revoked or SdJwtVcErrorCodes.Suspended or MdocErrorCodes.StatusRevoked or MdocErrorCodes.StatusSuspended))
        {
            first.Add(new(RepresentationErrorCodes.Revoked, "The representation's status is revoked or suspended: it was revoked or withdrawn."));
        }

        if (about.Any(e => e.Code is SdJwtErrorCodes.Expired or MdocErrorCodes.Expired))
        {
            first.Add(new(RepresentationErrorCodes.Expired, "The representation has expired: its attestation ends with the relation's last effective day."));
        }

        return first.Count == 0 ? errors : [.. first, .. errors];
    }

    private static VerifiedCredential? First(IReadOnlyDictionary<string, IReadOnlyList<VerifiedCredential>> credentials, IReadOnlyList<string> queryIds) =>
        queryIds.Select(id => credentials.GetValueOrDefault(id) is [var c, ..] ? c : null).FirstOrDefault(c => c is not null);

    // SD-JWT VC claims are flat; an mdoc's are under its namespace (the PID's or the POR's), read as the same names.
    private static JsonObject Attributes(VerifiedCredential credential) =>
        credential.Doctype is { } doctype && credential.Claims[doctype] is JsonObject elements ? elements : credential.Claims;
}
