using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Core.Mdoc;

namespace Wallet.Core.Representation;

/// <summary>
/// The Power of Representation attestation in both formats: SD-JWT VC <c>urn:eu.europa.ec.eudi:por:1</c> and mdoc
/// <c>eu.europa.ec.eudi.por.1</c>, with the same flat attribute names in both (mdoc cannot nest well): the EUDI
/// reference issuer's <c>legal_person_identifier</c>, <c>legal_name</c>, <c>full_powers</c>, <c>eService</c>,
/// <c>effective_from_date</c>, <c>effective_until_date</c>, <c>issuing_authority</c>, <c>issuing_country</c>, extended
/// for natural persons and the representative (ARF Topic 29) with <c>represented_*</c>, <c>representative_*</c> and
/// <c>nature</c>. <c>eService</c> is an array here so that one attestation can name several services.
/// </summary>
public static class PowerOfRepresentationAttestation
{
    /// <summary>The SD-JWT VC type.</summary>
    public const string Vct = "urn:eu.europa.ec.eudi:por:1";

    /// <summary>The mdoc docType.</summary>
    public const string DocType = "eu.europa.ec.eudi.por.1";

    /// <summary>The mdoc namespace.</summary>
    public const string NameSpace = "eu.europa.ec.eudi.por.1";

    /// <summary>Every attribute name, in both formats.</summary>
    public static IReadOnlyList<string> AttributeNames { get; } =
    [
        "nature", "represented_family_name", "represented_given_name", "represented_birth_date", "legal_name", "legal_person_identifier",
        "representative_family_name", "representative_given_name", "representative_birth_date", "full_powers", "eService",
        "effective_from_date", "effective_until_date", "issuing_authority", "issuing_country",
    ];

    /// <summary>The SD-JWT VC claims (dates as ISO 8601 <c>full-date</c> strings).</summary>
    public static JsonObject ToClaims(PowerOfRepresentation representation)
    {
        ArgumentNullException.ThrowIfNull(representation);
        var claims = new JsonObject();
        foreach (var (name, value) in Attributes(representation))
        {
            claims[name] = value switch
            {
                string s => JsonValue.Create(s),
                bool b => JsonValue.Create(b),
                DateOnly d => JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                IReadOnlyList<string> list => new JsonArray([.. list.Select(x => (JsonNode)JsonValue.Create(x))]),
                _ => throw new InvalidOperationException(name),
            };
        }

        return claims;
    }

    /// <summary>The mdoc issuance request (dates as <c>full-date</c>, tag 1004).</summary>
    public static MdocIssuanceRequest CreateIssuanceRequest(PowerOfRepresentation representation, CoseKey deviceKey, DateTimeOffset validFrom, DateTimeOffset validUntil)
    {
        ArgumentNullException.ThrowIfNull(representation);
        var elements = new Dictionary<string, CborValue>(StringComparer.Ordinal);
        foreach (var (name, value) in Attributes(representation))
        {
            elements[name] = value switch
            {
                string s => CborValue.Text(s),
                bool b => CborValue.Boolean(b),
                DateOnly d => CborValue.FullDate(d),
                IReadOnlyList<string> list => CborValue.Array(list.Select(CborValue.Text)),
                _ => throw new InvalidOperationException(name),
            };
        }

        return new MdocIssuanceRequest(DocType, new Dictionary<string, IReadOnlyDictionary<string, CborValue>>(StringComparer.Ordinal) { [NameSpace] = elements }, deviceKey, validFrom, validUntil);
    }

    /// <summary>
    /// Reads a representation from verified, disclosed attributes: the SD-JWT VC claims, or the mdoc namespace's
    /// elements as JSON (<c>full-date</c> as <c>YYYY-MM-DD</c>). Fails naming the first attribute missing or malformed.
    /// </summary>
    public static bool TryRead(JsonObject attributes, [NotNullWhen(true)] out PowerOfRepresentation? representation, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        representation = null;
        string? issue = null;
        string? Text(string name, bool required)
        {
            if (attributes[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            {
                return v.GetValue<string>();
            }

            if (required || attributes[name] is not null)
            {
                issue ??= $"'{name}' is missing or not a string.";
            }

            return null;
        }

        DateOnly? Date(string name, bool required)
        {
            var text = Text(name, required);
            if (text is null)
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            issue ??= $"'{name}' is not a full-date.";
            return null;
        }

        var nature = Text("nature", true);
        var representative = new PersonAttributes(Text("representative_family_name", true) ?? string.Empty, Text("representative_given_name", true) ?? string.Empty, Date("representative_birth_date", true) ?? default);
        var legalName = Text("legal_name", false);
        RepresentedParty represented = legalName is not null
            ? RepresentedParty.LegalPerson(legalName, Text("legal_person_identifier", true) ?? string.Empty)
            : RepresentedParty.NaturalPerson(new PersonAttributes(Text("represented_family_name", true) ?? string.Empty, Text("represented_given_name", true) ?? string.Empty, Date("represented_birth_date", true) ?? default));
        var fullPowers = attributes["full_powers"] is JsonValue f && f.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? f.GetValue<bool>() : (bool?)null;
        if (fullPowers is null)
        {
            issue ??= "'full_powers' is missing or not a boolean.";
        }

        var services = new List<string>();
        if (attributes["eService"] is JsonArray array)
        {
            foreach (var item in array)
            {
                if (item is JsonValue s && s.GetValueKind() == JsonValueKind.String)
                {
                    services.Add(s.GetValue<string>());
                }
                else
                {
                    issue ??= "'eService' holds a value that is not a string.";
                }
            }
        }
        else if (attributes["eService"] is not null)
        {
            issue ??= "'eService' is not an array.";
        }

        var from = Date("effective_from_date", true);
        var until = Date("effective_until_date", false);
        var authority = Text("issuing_authority", true);
        var country = Text("issuing_country", true);
        problem = issue;
        if (problem is not null)
        {
            return false;
        }

        representation = new PowerOfRepresentation
        {
            Nature = nature!,
            Represented = represented,
            Representative = representative,
            FullPowers = fullPowers!.Value,
            EServices = services,
            EffectiveFrom = from!.Value,
            EffectiveUntil = until,
            IssuingAuthority = authority!,
            IssuingCountry = country!,
        };
        return true;
    }

    private static IEnumerable<(string Name, object Value)> Attributes(PowerOfRepresentation r)
    {
        yield return ("nature", r.Nature);
        if (r.Represented.Person is { } person)
        {
            yield return ("represented_family_name", person.FamilyName);
            yield return ("represented_given_name", person.GivenName);
            yield return ("represented_birth_date", person.BirthDate);
        }
        else
        {
            yield return ("legal_name", r.Represented.LegalName!);
            yield return ("legal_person_identifier", r.Represented.LegalPersonIdentifier!);
        }

        yield return ("representative_family_name", r.Representative.FamilyName);
        yield return ("representative_given_name", r.Representative.GivenName);
        yield return ("representative_birth_date", r.Representative.BirthDate);
        yield return ("full_powers", r.FullPowers);
        if (r.EServices.Count > 0)
        {
            yield return ("eService", r.EServices);
        }

        yield return ("effective_from_date", r.EffectiveFrom);
        if (r.EffectiveUntil is { } until)
        {
            yield return ("effective_until_date", until);
        }

        yield return ("issuing_authority", r.IssuingAuthority);
        yield return ("issuing_country", r.IssuingCountry);
    }
}
