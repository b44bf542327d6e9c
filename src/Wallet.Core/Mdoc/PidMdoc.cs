using System.Diagnostics.CodeAnalysis;
using Wallet.Core.Pid;

namespace Wallet.Core.Mdoc;

/// <summary>
/// The EUDI PID in mdoc form (PID Rule Book v1.6 §3.1): docType and namespace <c>eu.europa.ec.eudi.pid.1</c>,
/// the Rule Book data element identifiers, and the mapping from <see cref="PersonIdentificationData"/> to
/// elements with their CBOR types (<c>full-date</c> for dates, <c>bstr</c> for the portrait, an array for
/// nationalities, a map for the place of birth).
/// </summary>
public static class PidMdoc
{
    /// <summary>The PID docType (Rule Book §3.1.1).</summary>
    public const string DocType = "eu.europa.ec.eudi.pid.1";

    /// <summary>The PID namespace (Rule Book §3.1.1).</summary>
    public const string NameSpace = "eu.europa.ec.eudi.pid.1";

    /// <summary><c>family_name</c>: tstr.</summary>
    public const string FamilyName = "family_name";

    /// <summary><c>given_name</c>: tstr.</summary>
    public const string GivenName = "given_name";

    /// <summary><c>birth_date</c>: full-date.</summary>
    public const string BirthDate = "birth_date";

    /// <summary><c>place_of_birth</c>: map with at least one of <c>country</c>, <c>region</c>, <c>locality</c>.</summary>
    public const string PlaceOfBirth = "place_of_birth";

    /// <summary><c>nationality</c>: array of ISO 3166-1 alpha-2 tstr, disclosed as a whole (Rule Book §3.1.3).</summary>
    public const string Nationality = "nationality";

    /// <summary><c>portrait</c>: bstr holding a JPEG.</summary>
    public const string Portrait = "portrait";

    /// <summary><c>resident_address</c>: tstr, the full address.</summary>
    public const string ResidentAddress = "resident_address";

    /// <summary><c>resident_country</c>: tstr, ISO 3166-1 alpha-2.</summary>
    public const string ResidentCountry = "resident_country";

    /// <summary><c>resident_state</c>: tstr.</summary>
    public const string ResidentState = "resident_state";

    /// <summary><c>resident_city</c>: tstr.</summary>
    public const string ResidentCity = "resident_city";

    /// <summary><c>resident_postal_code</c>: tstr.</summary>
    public const string ResidentPostalCode = "resident_postal_code";

    /// <summary><c>resident_street</c>: tstr.</summary>
    public const string ResidentStreet = "resident_street";

    /// <summary><c>personal_administrative_number</c>: tstr.</summary>
    public const string PersonalAdministrativeNumber = "personal_administrative_number";

    /// <summary><c>family_name_birth</c>: tstr.</summary>
    public const string FamilyNameBirth = "family_name_birth";

    /// <summary><c>given_name_birth</c>: tstr.</summary>
    public const string GivenNameBirth = "given_name_birth";

    /// <summary><c>sex</c>: uint (0, 1, 2, 3, 4, 5, 6, 9).</summary>
    public const string Sex = "sex";

    /// <summary><c>email_address</c>: tstr.</summary>
    public const string EmailAddress = "email_address";

    /// <summary><c>mobile_phone_number</c>: tstr.</summary>
    public const string MobilePhoneNumber = "mobile_phone_number";

    /// <summary><c>issuing_authority</c>: tstr.</summary>
    public const string IssuingAuthority = "issuing_authority";

    /// <summary><c>issuing_country</c>: tstr, ISO 3166-1 alpha-2.</summary>
    public const string IssuingCountry = "issuing_country";

    /// <summary><c>expiry_date</c>: full-date (the Rule Book also allows tdate).</summary>
    public const string ExpiryDate = "expiry_date";

    /// <summary><c>issuance_date</c>: full-date (the Rule Book also allows tdate).</summary>
    public const string IssuanceDate = "issuance_date";

    /// <summary><c>document_number</c>: tstr.</summary>
    public const string DocumentNumber = "document_number";

    /// <summary><c>issuing_jurisdiction</c>: tstr, ISO 3166-2.</summary>
    public const string IssuingJurisdiction = "issuing_jurisdiction";

    /// <summary><c>trust_anchor</c>: tstr (URL).</summary>
    public const string TrustAnchor = "trust_anchor";

    /// <summary><c>attestation_legal_category</c>: tstr, e.g. <c>PID</c>.</summary>
    public const string AttestationLegalCategory = "attestation_legal_category";

    /// <summary>
    /// The PID namespace with one element per present member of <paramref name="pid"/>. The resident house
    /// number is left out: the Rule Book defines no mdoc element for it.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="pid"/> breaks a Rule Book constraint.</exception>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, CborValue>> ToNameSpaces(PersonIdentificationData pid)
    {
        ArgumentNullException.ThrowIfNull(pid);
        var problems = pid.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("The PID is not valid: " + string.Join(" ", problems), nameof(pid));
        }

        var elements = new Dictionary<string, CborValue>(StringComparer.Ordinal)
        {
            [FamilyName] = CborValue.Text(pid.FamilyName),
            [GivenName] = CborValue.Text(pid.GivenName),
            [BirthDate] = CborValue.FullDate(pid.BirthDate),
            [PlaceOfBirth] = CborValue.Map(Present(
                ("country", pid.PlaceOfBirth.Country),
                ("region", pid.PlaceOfBirth.Region),
                ("locality", pid.PlaceOfBirth.Locality))),
            [Nationality] = CborValue.Array(pid.Nationalities.Select(CborValue.Text)),
        };
        if (pid.Portrait is { } portrait)
        {
            elements[Portrait] = CborValue.Bytes(portrait.Span);
        }

        AddText(elements, ResidentAddress, pid.Address?.Formatted);
        AddText(elements, ResidentCountry, pid.Address?.Country);
        AddText(elements, ResidentState, pid.Address?.Region);
        AddText(elements, ResidentCity, pid.Address?.Locality);
        AddText(elements, ResidentPostalCode, pid.Address?.PostalCode);
        AddText(elements, ResidentStreet, pid.Address?.Street);
        AddText(elements, PersonalAdministrativeNumber, pid.PersonalAdministrativeNumber);
        AddText(elements, FamilyNameBirth, pid.FamilyNameAtBirth);
        AddText(elements, GivenNameBirth, pid.GivenNameAtBirth);
        if (pid.Sex is { } sex)
        {
            elements[Sex] = CborValue.Integer(sex);
        }

        AddText(elements, EmailAddress, pid.EmailAddress);
        AddText(elements, MobilePhoneNumber, pid.MobilePhoneNumber);
        AddText(elements, IssuingAuthority, pid.IssuingAuthority);
        AddText(elements, IssuingCountry, pid.IssuingCountry);
        if (pid.ExpiryDate is { } expiry)
        {
            elements[ExpiryDate] = CborValue.FullDate(expiry);
        }

        if (pid.IssuanceDate is { } issuance)
        {
            elements[IssuanceDate] = CborValue.FullDate(issuance);
        }

        AddText(elements, DocumentNumber, pid.DocumentNumber);
        AddText(elements, IssuingJurisdiction, pid.IssuingJurisdiction);
        return new Dictionary<string, IReadOnlyDictionary<string, CborValue>>(StringComparer.Ordinal) { [NameSpace] = elements };
    }

    /// <summary>An issuance request for a PID mdoc bound to <paramref name="deviceKey"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="pid"/> breaks a Rule Book constraint.</exception>
    public static MdocIssuanceRequest CreateIssuanceRequest(PersonIdentificationData pid, CoseKey deviceKey, DateTimeOffset validFrom, DateTimeOffset validUntil) =>
        new(DocType, ToNameSpaces(pid), deviceKey, validFrom, validUntil);

    /// <summary>
    /// Reads the PID back from verified elements, the inverse of <see cref="ToNameSpaces"/>: the PID namespace, the Rule
    /// Book element identifiers and CBOR types (a date as <c>full-date</c>, or as <c>tdate</c> where the Rule Book allows it).
    /// </summary>
    /// <param name="nameSpaces">The verified elements per namespace (<see cref="MdocDocumentResult.Elements"/>).</param>
    /// <param name="pid">The PID, when every mandatory element is present and every element has its Rule Book type.</param>
    /// <param name="problem">Otherwise the element that is missing or of the wrong type.</param>
    public static bool TryFromNameSpaces(IReadOnlyDictionary<string, IReadOnlyDictionary<string, CborValue>> nameSpaces, [NotNullWhen(true)] out PersonIdentificationData? pid, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(nameSpaces);
        pid = null;
        if (!nameSpaces.TryGetValue(NameSpace, out var elements))
        {
            problem = $"No element of the PID namespace '{NameSpace}' is present.";
            return false;
        }

        var reader = new ElementReader(elements);
        var familyName = reader.Text(FamilyName, required: true);
        var givenName = reader.Text(GivenName, required: true);
        var birthDate = reader.Date(BirthDate, required: true);
        var placeOfBirth = reader.Map(PlaceOfBirth, required: true);
        var nationalities = reader.TextArray(Nationality, required: true);
        var issuingAuthority = reader.Text(IssuingAuthority, required: true);
        var issuingCountry = reader.Text(IssuingCountry, required: true);
        var record = reader.Problem is null
            ? new PersonIdentificationData
            {
                FamilyName = familyName!,
                GivenName = givenName!,
                BirthDate = birthDate!.Value,
                PlaceOfBirth = new Pid.PlaceOfBirth(placeOfBirth!.Text("country", required: false), placeOfBirth.Text("region", required: false), placeOfBirth.Text("locality", required: false)),
                Nationalities = nationalities!,
                IssuingAuthority = issuingAuthority!,
                IssuingCountry = issuingCountry!,
                Portrait = reader.Bytes(Portrait),
                Address = Address(reader),
                PersonalAdministrativeNumber = reader.Text(PersonalAdministrativeNumber, required: false),
                FamilyNameAtBirth = reader.Text(FamilyNameBirth, required: false),
                GivenNameAtBirth = reader.Text(GivenNameBirth, required: false),
                Sex = reader.Integer(Sex),
                EmailAddress = reader.Text(EmailAddress, required: false),
                MobilePhoneNumber = reader.Text(MobilePhoneNumber, required: false),
                ExpiryDate = reader.Date(ExpiryDate, required: false),
                IssuanceDate = reader.Date(IssuanceDate, required: false),
                DocumentNumber = reader.Text(DocumentNumber, required: false),
                IssuingJurisdiction = reader.Text(IssuingJurisdiction, required: false),
            }
            : null;

        // Readers remember the first problem, so the check comes after every read.
        problem = reader.Problem ?? placeOfBirth?.Problem;
        pid = problem is null ? record : null;
        return pid is not null;
    }

    private static ResidentAddress? Address(ElementReader reader)
    {
        var address = new ResidentAddress
        {
            Formatted = reader.Text(ResidentAddress, required: false),
            Country = reader.Text(ResidentCountry, required: false),
            Region = reader.Text(ResidentState, required: false),
            Locality = reader.Text(ResidentCity, required: false),
            PostalCode = reader.Text(ResidentPostalCode, required: false),
            Street = reader.Text(ResidentStreet, required: false),
        };
        return address == new ResidentAddress() ? null : address;
    }

    private static IEnumerable<KeyValuePair<string, CborValue>> Present(params (string Key, string? Value)[] members) =>
        members.Where(m => m.Value is not null).Select(m => new KeyValuePair<string, CborValue>(m.Key, CborValue.Text(m.Value!)));

    private static void AddText(Dictionary<string, CborValue> elements, string identifier, string? value)
    {
        if (value is not null)
        {
            elements[identifier] = CborValue.Text(value);
        }
    }

    // Reads typed elements and remembers the first problem, so the mapping reads top to bottom without a check per line.
    private sealed class ElementReader
    {
        private readonly Func<string, CborValue?> _find;
        private readonly string _prefix;

        public ElementReader(IReadOnlyDictionary<string, CborValue> elements)
        {
            _find = name => elements.TryGetValue(name, out var value) ? value : null;
            _prefix = string.Empty;
        }

        private ElementReader(CborValue map, string prefix)
        {
            _find = name => map.TryGetMember(name, out var value) ? value : null;
            _prefix = prefix;
        }

        public string? Problem { get; private set; }

        public string? Text(string name, bool required) => Read(name, required, "a tstr", v => v.Kind == CborValueKind.Text ? v.AsText() : null);

        public DateOnly? Date(string name, bool required) => Read<DateOnly>(name, required, "a full-date or tdate", v => v.Kind switch
        {
            CborValueKind.FullDate => v.AsFullDate(),
            CborValueKind.DateTime => DateOnly.FromDateTime(v.AsDateTime().UtcDateTime),
            _ => null,
        });

        public int? Integer(string name) => Read<int>(name, required: false, "a uint", v => v.Kind == CborValueKind.Integer && v.AsInteger() is >= 0 and <= int.MaxValue ? (int)v.AsInteger() : null);

        public ReadOnlyMemory<byte>? Bytes(string name) => Read<ReadOnlyMemory<byte>>(name, required: false, "a bstr", v => v.Kind == CborValueKind.Bytes ? v.AsBytes() : null);

        public IReadOnlyList<string>? TextArray(string name, bool required) => Read<IReadOnlyList<string>>(name, required, "an array of tstr", v =>
            v.Kind == CborValueKind.Array && v.AsArray().All(e => e.Kind == CborValueKind.Text) ? v.AsArray().Select(e => e.AsText()).ToArray() : null);

        public ElementReader? Map(string name, bool required) => Read(name, required, "a map", v => v.Kind == CborValueKind.Map ? new ElementReader(v, $"{_prefix}{name}.") : null);

        private T? Read<T>(string name, bool required, string expected, Func<CborValue, T?> convert)
            where T : class
        {
            if (Find(name, required) is not { } value)
            {
                return null;
            }

            return convert(value) ?? Fail<T>(name, expected);
        }

        private T? Read<T>(string name, bool required, string expected, Func<CborValue, T?> convert)
            where T : struct
        {
            if (Find(name, required) is not { } value)
            {
                return null;
            }

            var converted = convert(value);
            if (converted is null)
            {
                Problem ??= $"The PID element '{_prefix}{name}' is not {expected}.";
            }

            return converted;
        }

        private CborValue? Find(string name, bool required)
        {
            var value = _find(name);
            if (value is null && required)
            {
                Problem ??= $"The mandatory PID element '{_prefix}{name}' is absent (PID Rule Book §3.1); it may not have been disclosed.";
            }

            return value;
        }

        private T? Fail<T>(string name, string expected)
            where T : class
        {
            Problem ??= $"The PID element '{_prefix}{name}' is not {expected}.";
            return null;
        }
    }
}
