using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wallet.Core.Representation;

/// <summary>
/// Decides whether the person of a presented PID may act for the party a presented representation names, at one
/// relying party's service, today. Every check runs and every failure is reported (none stops the others).
/// </summary>
/// <remarks>
/// <para><b>Binding of representative to PID: matching identity attributes, and both proofs of possession.</b> The
/// representation names its representative by the PID's core attributes (family name, given name, birth date; PID Rule
/// Book §3.1.2), and these must equal the presented PID's. Both presentations must carry a verified proof of possession
/// over the same request (nonce, audience / SessionTranscript), so both came from the wallet answering this request.
/// Holder-key equality is not required: issuers bind each credential (and each of a batch) to its own key for
/// unlinkability (HAIP 1.0 batch issuance), and the PID and the representation come from different issuances, so a
/// common key cannot be assumed. Attributes alone would let anyone holding someone's representation pretend; proofs of
/// possession alone would not say that the PID's person is the one the representation names; together they do.</para>
/// </remarks>
public static class RepresentationPolicy
{
    private static readonly string[] PidClaims = ["family_name", "given_name", "birthdate"];
    private static readonly string[] PidMdocClaims = ["family_name", "given_name", "birth_date"];

    /// <summary>The Credential Query id of the SD-JWT VC PID in <see cref="Query"/>.</summary>
    public const string PidQueryId = "pid";

    /// <summary>The Credential Query id of the SD-JWT VC representation in <see cref="Query"/>.</summary>
    public const string RepresentationQueryId = "representation";

    /// <summary>The Credential Query id of the mdoc PID in <see cref="Query"/>.</summary>
    public const string PidMdocQueryId = "pid_mdoc";

    /// <summary>The Credential Query id of the mdoc representation in <see cref="Query"/>.</summary>
    public const string RepresentationMdocQueryId = "representation_mdoc";

    /// <summary>The Credential Query ids that ask for a PID, in either format.</summary>
    public static IReadOnlyList<string> PidQueryIds { get; } = [PidQueryId, PidMdocQueryId];

    /// <summary>The Credential Query ids that ask for the representation, in either format.</summary>
    public static IReadOnlyList<string> RepresentationQueryIds { get; } = [RepresentationQueryId, RepresentationMdocQueryId];

    /// <summary>
    /// The DCQL query (OpenID4VP 1.0 §6) for PID and representation together, each as SD-JWT VC or mdoc: the PID's names
    /// and birth date, and every representation attribute. One <c>credential_sets</c> entry whose options each pair a PID
    /// with a representation (§6.2), so a wallet cannot answer with one alone; SD-JWT VC pairs come first, then mdoc, then
    /// the mixed pairs, since the policy reads the same attribute names from both formats.
    /// </summary>
    /// <remarks>
    /// The SD-JWT VC attestation discloses everything (no selectively disclosable claims), so its query names no claims.
    /// An mdoc discloses only the data elements asked for, and a representation has either a natural or a legal person,
    /// and may lack <c>eService</c> and <c>effective_until_date</c>: <c>claim_sets</c> (§6.4.1) lists the complete
    /// combinations, most complete first. A wallet that withholds <c>effective_until_date</c> gains nothing: the
    /// attestation's MSO <c>validUntil</c> is never after the relation's last effective day and the verifier checks it.
    /// </remarks>
    public static Dcql.DcqlQuery Query()
    {
        var json = new JsonObject
        {
            ["credentials"] = new JsonArray(
                new JsonObject
                {
                    ["id"] = PidQueryId,
                    ["format"] = Dcql.DcqlFormats.SdJwtVc,
                    ["meta"] = new JsonObject { ["vct_values"] = new JsonArray("urn:eudi:pid:1") },
                    ["claims"] = new JsonArray([.. PidClaims.Select(n => (JsonNode)new JsonObject { ["path"] = new JsonArray(n) })]),
                },
                new JsonObject
                {
                    ["id"] = RepresentationQueryId,
                    ["format"] = Dcql.DcqlFormats.SdJwtVc,
                    ["meta"] = new JsonObject { ["vct_values"] = new JsonArray(PowerOfRepresentationAttestation.Vct) },
                },
                new JsonObject
                {
                    ["id"] = PidMdocQueryId,
                    ["format"] = Dcql.DcqlFormats.MsoMdoc,
                    ["meta"] = new JsonObject { ["doctype_value"] = Mdoc.PidMdoc.DocType },
                    ["claims"] = new JsonArray([.. PidMdocClaims.Select(n => (JsonNode)new JsonObject { ["path"] = new JsonArray(Mdoc.PidMdoc.NameSpace, n), ["intent_to_retain"] = false })]),
                },
                new JsonObject
                {
                    ["id"] = RepresentationMdocQueryId,
                    ["format"] = Dcql.DcqlFormats.MsoMdoc,
                    ["meta"] = new JsonObject { ["doctype_value"] = PowerOfRepresentationAttestation.DocType },
                    ["claims"] = new JsonArray([.. PowerOfRepresentationAttestation.AttributeNames.Select(n => (JsonNode)new JsonObject { ["id"] = n, ["path"] = new JsonArray(PowerOfRepresentationAttestation.NameSpace, n), ["intent_to_retain"] = false })]),
                    ["claim_sets"] = RepresentationClaimSets(),
                }),
            ["credential_sets"] = new JsonArray(new JsonObject
            {
                ["options"] = new JsonArray(
                    new JsonArray(PidQueryId, RepresentationQueryId),
                    new JsonArray(PidMdocQueryId, RepresentationMdocQueryId),
                    new JsonArray(PidQueryId, RepresentationMdocQueryId),
                    new JsonArray(PidMdocQueryId, RepresentationQueryId)),
            }),
        };
        return Dcql.DcqlQuery.TryParse(json.ToJsonString(), out var query, out var errors)
            ? query
            : throw new InvalidOperationException("The representation query does not parse: " + string.Join("; ", errors.Select(e => e.Message)));
    }

    // Every attribute an attestation always has, then a natural or a legal person, with or without eService and
    // effective_until_date: eight sets, the most complete first (a wallet answers with the first it can satisfy).
    private static JsonArray RepresentationClaimSets()
    {
        string[] always = ["nature", "representative_family_name", "representative_given_name", "representative_birth_date", "full_powers", "effective_from_date", "issuing_authority", "issuing_country"];
        string[][] parties = [["represented_family_name", "represented_given_name", "represented_birth_date"], ["legal_name", "legal_person_identifier"]];
        string[][] services = [["eService"], []];
        string[][] untils = [["effective_until_date"], []];
        var sets = new JsonArray();
        foreach (var party in parties)
        {
            foreach (var service in services)
            {
                foreach (var until in untils)
                {
                    sets.Add((JsonNode)new JsonArray([.. always.Concat(party).Concat(service).Concat(until).Select(n => (JsonNode)JsonValue.Create(n))]));
                }
            }
        }

        return sets;
    }

    /// <summary>Decides for <paramref name="serviceId"/> on <paramref name="today"/>.</summary>
    /// <param name="evidence">The verified presentation parts.</param>
    /// <param name="serviceId">This relying party's service or operation, matched against <c>eService</c> (ordinal).</param>
    /// <param name="today">The day of the decision (the relying party's clock).</param>
    /// <param name="expectedRepresented">When the relying party already knows whom the person acts for (e.g. the child's case), that party.</param>
    public static RepresentationDecision Decide(RepresentationEvidence evidence, string serviceId, DateOnly today, RepresentedParty? expectedRepresented = null)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(serviceId);
        var errors = new List<VerificationError>();
        PowerOfRepresentation? representation = null;
        if (evidence.Representation is null)
        {
            errors.Add(new(RepresentationErrorCodes.RepresentationMissing, "No verified representation attestation was presented."));
        }
        else if (!PowerOfRepresentationAttestation.TryRead(evidence.Representation, out representation, out var problem))
        {
            errors.Add(new(RepresentationErrorCodes.Malformed, "The representation attestation is malformed: " + problem));
        }

        var pidPerson = evidence.Pid is null ? null : PidPerson(evidence.Pid);
        if (pidPerson is null)
        {
            errors.Add(new(RepresentationErrorCodes.PidMissing, "No verified PID with family name, given name and birth date of the person acting was presented."));
        }

        if (!evidence.PidHolderBound || !evidence.RepresentationHolderBound)
        {
            errors.Add(new(RepresentationErrorCodes.HolderBindingMissing, $"A proof of possession is missing for the {(evidence.PidHolderBound ? "representation" : "PID")}; both must come from the wallet answering this request."));
        }

        switch (evidence.RepresentationStatus)
        {
            case "valid":
                break;
            case "revoked" or "suspended":
                errors.Add(new(RepresentationErrorCodes.Revoked, $"The representation's status is {evidence.RepresentationStatus}: it was withdrawn."));
                break;
            default:
                errors.Add(new(RepresentationErrorCodes.StatusUnchecked, "The representation has no checked status; a representation must be revocable (Token Status List)."));
                break;
        }

        if (representation is not null)
        {
            if (pidPerson is not null && !representation.Representative.IsSamePersonAs(pidPerson))
            {
                errors.Add(new(RepresentationErrorCodes.RepresentativeNotPidPerson, "The representative named in the representation is not the person of the presented PID (family name, given name and birth date must match)."));
            }

            if (expectedRepresented is not null && !SameParty(expectedRepresented, representation.Represented))
            {
                errors.Add(new(RepresentationErrorCodes.RepresentedMismatch, "The representation is for another party than the one this service deals with."));
            }

            if (!representation.FullPowers && !representation.EServices.Contains(serviceId, StringComparer.Ordinal))
            {
                errors.Add(new(RepresentationErrorCodes.ScopeNotCovered, $"The representation neither gives full powers nor names the service '{serviceId}'."));
            }

            if (today < representation.EffectiveFrom)
            {
                errors.Add(new(RepresentationErrorCodes.NotYetEffective, $"The representation is effective from {representation.EffectiveFrom:yyyy-MM-dd}."));
            }

            if (representation.EffectiveUntil is { } until && today > until)
            {
                errors.Add(new(RepresentationErrorCodes.Expired, $"The representation was effective until {until:yyyy-MM-dd}."));
            }
        }

        return new RepresentationDecision { Representation = representation, Errors = errors };
    }

    private static bool SameParty(RepresentedParty expected, RepresentedParty actual) =>
        expected.Person is { } person
            ? actual.Person is { } other && person.IsSamePersonAs(other)
            : actual.Person is null && string.Equals(expected.LegalPersonIdentifier, actual.LegalPersonIdentifier, StringComparison.Ordinal);

    // The PID's names and birth date: SD-JWT VC `birthdate`, mdoc `birth_date` (PID Rule Book §4.1.1, §3.1.2).
    private static PersonAttributes? PidPerson(JsonObject pid)
    {
        var family = Text(pid["family_name"]);
        var given = Text(pid["given_name"]);
        var birth = Text(pid["birthdate"] ?? pid["birth_date"]);
        return family is not null && given is not null && birth is not null
            && DateOnly.TryParseExact(birth, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new PersonAttributes(family, given, date)
            : null;
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
