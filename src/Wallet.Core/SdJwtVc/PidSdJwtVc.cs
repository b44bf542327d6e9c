using System.Globalization;
using System.Text.Json.Nodes;
using Wallet.Core.Pid;

namespace Wallet.Core.SdJwtVc;

/// <summary>
/// The SD-JWT VC encoding of PID (PID Rule Book v1.6 §4.1.1, vct <c>urn:eudi:pid:1</c>): claim names and JSON types
/// as the Rule Book lists them.
/// </summary>
public static class PidSdJwtVc
{
    /// <summary>The base PID credential type.</summary>
    public const string Vct = "urn:eudi:pid:1";

    /// <summary>Builds the PID claims (without the registered claims) from <paramref name="pid"/>.</summary>
    /// <exception cref="ArgumentException">The data breaks a Rule Book constraint (see <see cref="PersonIdentificationData.Validate"/>).</exception>
    public static JsonObject ToClaims(PersonIdentificationData pid)
    {
        ArgumentNullException.ThrowIfNull(pid);
        var problems = pid.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("The PID is not valid: " + string.Join(" ", problems), nameof(pid));
        }

        var claims = new JsonObject
        {
            ["family_name"] = pid.FamilyName,
            ["given_name"] = pid.GivenName,
            ["birthdate"] = Date(pid.BirthDate),
            ["place_of_birth"] = Object(("country", pid.PlaceOfBirth.Country), ("region", pid.PlaceOfBirth.Region), ("locality", pid.PlaceOfBirth.Locality)),
            ["nationalities"] = new JsonArray(pid.Nationalities.Select(n => (JsonNode)n).ToArray()),
        };
        if (pid.Portrait is { } portrait)
        {
            // §2.2.2.4 of SD-JWT VC: binary data as a data: URI.
            claims["picture"] = "data:image/jpeg;base64," + Convert.ToBase64String(portrait.Span);
        }

        if (pid.Address is { } address)
        {
            var json = Object(("formatted", address.Formatted), ("country", address.Country), ("region", address.Region), ("locality", address.Locality), ("postal_code", address.PostalCode), ("street_address", address.Street), ("house_number", address.HouseNumber));
            if (json.Count > 0)
            {
                claims["address"] = json;
            }
        }

        Add(claims, "personal_administrative_number", pid.PersonalAdministrativeNumber);
        Add(claims, "birth_family_name", pid.FamilyNameAtBirth);
        Add(claims, "birth_given_name", pid.GivenNameAtBirth);
        if (pid.Sex is { } sex)
        {
            claims["sex"] = sex;
        }

        Add(claims, "email", pid.EmailAddress);
        Add(claims, "phone_number", pid.MobilePhoneNumber);
        Add(claims, "issuing_authority", pid.IssuingAuthority);
        Add(claims, "issuing_country", pid.IssuingCountry);
        Add(claims, "date_of_expiry", pid.ExpiryDate is { } expiry ? Date(expiry) : null);
        Add(claims, "date_of_issuance", pid.IssuanceDate is { } issuance ? Date(issuance) : null);
        Add(claims, "document_number", pid.DocumentNumber);
        Add(claims, "issuing_jurisdiction", pid.IssuingJurisdiction);
        return claims;
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static JsonObject Object(params (string Name, string? Value)[] members)
    {
        var json = new JsonObject();
        foreach (var (name, value) in members)
        {
            Add(json, name, value);
        }

        return json;
    }

    private static void Add(JsonObject json, string name, string? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }
}
