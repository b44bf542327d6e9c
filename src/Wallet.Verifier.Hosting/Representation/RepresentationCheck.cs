using System.Globalization;
using System.Text.Json.Nodes;
using Wallet.Core.Representation;

namespace Wallet.Verifier.Representation;

/// <summary>What a relying party asked a representation check for: its service, and whom it expects the person to act for.</summary>
/// <param name="ServiceId">This relying party's service or operation, matched against the representation's <c>eService</c>.</param>
/// <param name="Represented">The party the relying party deals with, when it already knows (e.g. the child's case); null accepts anyone represented.</param>
internal sealed record RepresentationCheck(string ServiceId, RepresentedParty? Represented)
{
    public string ToJson()
    {
        var json = new JsonObject { ["service_id"] = ServiceId };
        if (Represented?.Person is { } person)
        {
            json["represented"] = new JsonObject { ["family_name"] = person.FamilyName, ["given_name"] = person.GivenName, ["birth_date"] = person.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        }
        else if (Represented is { } legal)
        {
            json["represented"] = new JsonObject { ["legal_name"] = legal.LegalName, ["legal_person_identifier"] = legal.LegalPersonIdentifier };
        }

        return json.ToJsonString();
    }

    /// <summary>Reads a check from a request's members or from the stored JSON; null with <paramref name="problem"/> naming the member.</summary>
    public static RepresentationCheck? TryRead(JsonObject json, out string? problem)
    {
        problem = null;
        if (json["service_id"] is not JsonValue s || !s.TryGetValue<string>(out var service) || service.Length is 0 or > 128)
        {
            problem = "'service_id' must be this relying party's service or operation (1 to 128 characters).";
            return null;
        }

        RepresentedParty? represented = null;
        if (json["represented"] is JsonObject r)
        {
            string? Text(string name) => r[name] is JsonValue v && v.TryGetValue<string>(out var t) && t.Length is > 0 and <= 256 ? t : null;
            if (r.Any(m => m.Key is not ("family_name" or "given_name" or "birth_date" or "legal_name" or "legal_person_identifier")))
            {
                problem = "'represented' has members other than family_name, given_name, birth_date or legal_name, legal_person_identifier.";
                return null;
            }

            if (Text("legal_person_identifier") is { } identifier && Text("legal_name") is { } legalName && r.Count == 2)
            {
                represented = RepresentedParty.LegalPerson(legalName, identifier);
            }
            else if (Text("family_name") is { } family && Text("given_name") is { } given && r.Count == 3
                && DateOnly.TryParseExact(Text("birth_date"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth))
            {
                represented = RepresentedParty.NaturalPerson(new PersonAttributes(family, given, birth));
            }
            else
            {
                problem = "'represented' must be a natural person (family_name, given_name, birth_date YYYY-MM-DD) or a legal person (legal_name, legal_person_identifier).";
                return null;
            }
        }
        else if (json["represented"] is not null)
        {
            problem = "'represented' must be an object.";
            return null;
        }

        return new RepresentationCheck(service, represented);
    }
}
