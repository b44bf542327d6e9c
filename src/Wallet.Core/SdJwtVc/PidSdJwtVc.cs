using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
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

    /// <summary>
    /// Reads the PID back from verified person claims, the inverse of <see cref="ToClaims"/>: the Rule Book names and JSON
    /// types, dates as <c>YYYY-MM-DD</c>, the portrait as a JPEG <c>data:</c> URI. Values are taken as the Issuer signed them.
    /// </summary>
    /// <param name="claims">The processed payload, or its person claims.</param>
    /// <param name="pid">The PID, when every mandatory claim is present and every claim has its Rule Book type.</param>
    /// <param name="problem">Otherwise the claim that is missing or of the wrong type.</param>
    public static bool TryFromClaims(JsonObject claims, [NotNullWhen(true)] out PersonIdentificationData? pid, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(claims);
        pid = null;
        var reader = new ClaimReader(claims);
        var familyName = reader.Text("family_name", required: true);
        var givenName = reader.Text("given_name", required: true);
        var birthDate = reader.Date("birthdate", required: true);
        var placeOfBirth = reader.Object("place_of_birth", required: true);
        var nationalities = reader.TextArray("nationalities", required: true);
        var issuingAuthority = reader.Text("issuing_authority", required: true);
        var issuingCountry = reader.Text("issuing_country", required: true);
        var picture = reader.Text("picture", required: false);
        var address = reader.Object("address", required: false);
        var sex = reader.Integer("sex");
        var record = reader.Problem is null
            ? new PersonIdentificationData
            {
                FamilyName = familyName!,
                GivenName = givenName!,
                BirthDate = birthDate!.Value,
                PlaceOfBirth = new PlaceOfBirth(
                    placeOfBirth!.Text("country", required: false),
                    placeOfBirth.Text("region", required: false),
                    placeOfBirth.Text("locality", required: false)),
                Nationalities = nationalities!,
                IssuingAuthority = issuingAuthority!,
                IssuingCountry = issuingCountry!,
                Portrait = picture is null ? null : reader.Portrait("picture", picture),
                Address = address is null ? null : new ResidentAddress
                {
                    Formatted = address.Text("formatted", required: false),
                    Country = address.Text("country", required: false),
                    Region = address.Text("region", required: false),
                    Locality = address.Text("locality", required: false),
                    PostalCode = address.Text("postal_code", required: false),
                    Street = address.Text("street_address", required: false),
                    HouseNumber = address.Text("house_number", required: false),
                },
                PersonalAdministrativeNumber = reader.Text("personal_administrative_number", required: false),
                FamilyNameAtBirth = reader.Text("birth_family_name", required: false),
                GivenNameAtBirth = reader.Text("birth_given_name", required: false),
                Sex = sex,
                EmailAddress = reader.Text("email", required: false),
                MobilePhoneNumber = reader.Text("phone_number", required: false),
                ExpiryDate = reader.Date("date_of_expiry", required: false),
                IssuanceDate = reader.Date("date_of_issuance", required: false),
                DocumentNumber = reader.Text("document_number", required: false),
                IssuingJurisdiction = reader.Text("issuing_jurisdiction", required: false),
            }
            : null;

        // Nested readers report into the same problem slot, so the check comes after every read.
        problem = reader.Problem ?? placeOfBirth?.Problem ?? address?.Problem;
        pid = problem is null ? record : null;
        return pid is not null;
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

    // Reads typed members and remembers the first problem, so a mapping reads top to bottom without a check per line.
    private sealed class ClaimReader(JsonObject json, string prefix = "")
    {
        private const string PortraitPrefix = "data:image/jpeg;base64,";

        public string? Problem { get; private set; }

        public string? Text(string name, bool required) =>
            Read(name, required, "a string", node => node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null);

        public DateOnly? Date(string name, bool required)
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

            Fail($"'{prefix}{name}' is not a full-date (YYYY-MM-DD).");
            return null;
        }

        public int? Integer(string name)
        {
            var node = json[name];
            if (node is null)
            {
                return null;
            }

            if (node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<int>(out var value))
            {
                return value;
            }

            Fail($"'{prefix}{name}' is not an integer.");
            return null;
        }

        public IReadOnlyList<string>? TextArray(string name, bool required) =>
            Read<IReadOnlyList<string>>(name, required, "an array of strings", node =>
                node is JsonArray array && array.All(e => e?.GetValueKind() == JsonValueKind.String)
                    ? array.Select(e => e!.GetValue<string>()).ToArray()
                    : null);

        public ClaimReader? Object(string name, bool required) =>
            Read(name, required, "an object", node => node is JsonObject member ? new ClaimReader(member, $"{prefix}{name}.") : null);

        public ReadOnlyMemory<byte>? Portrait(string name, string value)
        {
            if (value.StartsWith(PortraitPrefix, StringComparison.Ordinal))
            {
                try
                {
                    return Convert.FromBase64String(value[PortraitPrefix.Length..]);
                }
                catch (FormatException)
                {
                    // Reported below like any other value that is not a JPEG data: URI.
                }
            }

            Fail($"'{prefix}{name}' is not a base64 'data:image/jpeg' URI (SD-JWT VC §2.2.2.4).");
            return null;
        }

        private T? Read<T>(string name, bool required, string expected, Func<JsonNode, T?> convert)
            where T : class
        {
            var node = json[name];
            if (node is null)
            {
                if (required)
                {
                    Fail($"The mandatory PID claim '{prefix}{name}' is absent (PID Rule Book §2); it may not have been disclosed.");
                }

                return null;
            }

            var value = convert(node);
            if (value is null)
            {
                Fail($"The PID claim '{prefix}{name}' is not {expected}.");
            }

            return value;
        }

        private void Fail(string problem) => Problem ??= problem;
    }
}
