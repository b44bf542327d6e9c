using System.Globalization;
using System.Text.Json;
using Wallet.Core.Pid;

namespace Wallet.Issuer.Pid;

/// <summary>
/// Reads PID passed inline by the agency backend, in the SD-JWT VC claim names of the PID Rule Book §4.1.1
/// (<c>family_name</c>, <c>birthdate</c>, <c>nationalities</c>, <c>address</c>, …), into one
/// <see cref="PersonIdentificationData"/> from which both formats are issued. Problems are reported by claim name, never
/// with the value.
/// </summary>
public static class PidClaimsReader
{
    private static readonly HashSet<string> Known = new(
        ["family_name", "given_name", "birthdate", "place_of_birth", "nationalities", "personal_administrative_number", "birth_family_name",
         "birth_given_name", "sex", "email", "phone_number", "address", "issuing_authority", "issuing_country", "document_number", "issuing_jurisdiction"],
        StringComparer.Ordinal);

    /// <summary>Reads <paramref name="claims"/>; issuing authority and country default to the given values.</summary>
    public static bool TryRead(JsonElement claims, string issuingAuthority, string issuingCountry, out PersonIdentificationData? pid, out IReadOnlyList<string> problems)
    {
        var list = new List<string>();
        pid = null;
        if (claims.ValueKind != JsonValueKind.Object)
        {
            problems = ["'claims' must be a JSON object."];
            return false;
        }

        foreach (var property in claims.EnumerateObject())
        {
            if (!Known.Contains(property.Name))
            {
                list.Add($"'{property.Name}' is not a PID claim this issuer accepts.");
            }
        }

        var familyName = Text(claims, "family_name", list);
        var givenName = Text(claims, "given_name", list);
        DateOnly? birthDate = null;
        if (Text(claims, "birthdate", list) is { } birth)
        {
            if (DateOnly.TryParseExact(birth, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                birthDate = parsed;
            }
            else
            {
                list.Add("'birthdate' must be a full date YYYY-MM-DD (PID Rule Book §4.1.1).");
            }
        }

        PlaceOfBirth? place = null;
        if (claims.TryGetProperty("place_of_birth", out var placeElement))
        {
            place = placeElement.ValueKind == JsonValueKind.Object
                ? new PlaceOfBirth(Text(placeElement, "country", list), Text(placeElement, "region", list), Text(placeElement, "locality", list))
                : Problem<PlaceOfBirth>(list, "'place_of_birth' must be an object.");
        }

        var nationalities = new List<string>();
        if (claims.TryGetProperty("nationalities", out var nationalityElement))
        {
            if (nationalityElement.ValueKind == JsonValueKind.Array && nationalityElement.EnumerateArray().All(n => n.ValueKind == JsonValueKind.String))
            {
                nationalities.AddRange(nationalityElement.EnumerateArray().Select(n => n.GetString()!));
            }
            else
            {
                list.Add("'nationalities' must be an array of strings.");
            }
        }

        int? sex = null;
        if (claims.TryGetProperty("sex", out var sexElement))
        {
            if (sexElement.ValueKind == JsonValueKind.Number && sexElement.TryGetInt32(out var value))
            {
                sex = value;
            }
            else
            {
                list.Add("'sex' must be an integer code.");
            }
        }

        ResidentAddress? address = null;
        if (claims.TryGetProperty("address", out var addressElement))
        {
            address = addressElement.ValueKind == JsonValueKind.Object
                ? new ResidentAddress
                {
                    Formatted = Text(addressElement, "formatted", list),
                    Country = Text(addressElement, "country", list),
                    Region = Text(addressElement, "region", list),
                    Locality = Text(addressElement, "locality", list),
                    PostalCode = Text(addressElement, "postal_code", list),
                    Street = Text(addressElement, "street_address", list),
                    HouseNumber = Text(addressElement, "house_number", list),
                }
                : Problem<ResidentAddress>(list, "'address' must be an object.");
        }

        if (familyName is null || givenName is null || birthDate is null || place is null || nationalities.Count == 0)
        {
            list.Add("'family_name', 'given_name', 'birthdate', 'place_of_birth' and 'nationalities' are mandatory (PID Rule Book §2).");
        }

        if (list.Count > 0)
        {
            problems = list;
            return false;
        }

        var candidate = new PersonIdentificationData
        {
            FamilyName = familyName!,
            GivenName = givenName!,
            BirthDate = birthDate!.Value,
            PlaceOfBirth = place!,
            Nationalities = nationalities,
            PersonalAdministrativeNumber = Text(claims, "personal_administrative_number", list),
            FamilyNameAtBirth = Text(claims, "birth_family_name", list),
            GivenNameAtBirth = Text(claims, "birth_given_name", list),
            Sex = sex,
            EmailAddress = Text(claims, "email", list),
            MobilePhoneNumber = Text(claims, "phone_number", list),
            Address = address,
            IssuingAuthority = Text(claims, "issuing_authority", list) ?? issuingAuthority,
            IssuingCountry = Text(claims, "issuing_country", list) ?? issuingCountry,
            DocumentNumber = Text(claims, "document_number", list),
            IssuingJurisdiction = Text(claims, "issuing_jurisdiction", list),
        };
        list.AddRange(candidate.Validate());
        problems = list;
        pid = list.Count == 0 ? candidate : null;
        return list.Count == 0;
    }

    private static string? Text(JsonElement parent, string name, List<string> problems)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add($"'{name}' must be a string.");
            return null;
        }

        return value.GetString();
    }

    private static T? Problem<T>(List<string> problems, string message)
        where T : class
    {
        problems.Add(message);
        return null;
    }
}
