namespace Wallet.Core.Pid;

/// <summary>
/// Person Identification Data as the EUDI PID Rule Book (v1.6 §2) defines it, independent of the credential format:
/// the SD-JWT VC and mdoc encodings are derived from one value of this type, so both formats always say the same.
/// </summary>
/// <remarks>
/// <see cref="PersonalAdministrativeNumber"/> is optional on purpose: many people (newborns, foreign residents,
/// refugees) have no national identity number, and the PID must still be issuable for them.
/// </remarks>
public sealed record PersonIdentificationData
{
    /// <summary>Current family name(s). Mandatory.</summary>
    public required string FamilyName { get; init; }

    /// <summary>Current given name(s). Mandatory.</summary>
    public required string GivenName { get; init; }

    /// <summary>Date of birth. Mandatory.</summary>
    public required DateOnly BirthDate { get; init; }

    /// <summary>Place of birth: at least one of country, region, locality (Rule Book §3.1.4). Mandatory.</summary>
    public required PlaceOfBirth PlaceOfBirth { get; init; }

    /// <summary>Nationalities as ISO 3166-1 alpha-2 codes (<c>QU</c> unknown, <c>QS</c> stateless). Mandatory, at least one.</summary>
    public required IReadOnlyList<string> Nationalities { get; init; }

    /// <summary>Facial image, JPEG. Optional until the portrait becomes mandatory.</summary>
    public ReadOnlyMemory<byte>? Portrait { get; init; }

    /// <summary>Resident address.</summary>
    public ResidentAddress? Address { get; init; }

    /// <summary>National personal administrative number, when the person has one.</summary>
    public string? PersonalAdministrativeNumber { get; init; }

    /// <summary>Family name at birth.</summary>
    public string? FamilyNameAtBirth { get; init; }

    /// <summary>Given name at birth.</summary>
    public string? GivenNameAtBirth { get; init; }

    /// <summary>Sex as ISO/IEC 5218 code extended by the Rule Book (0, 1, 2, 3, 4, 5, 6, 9).</summary>
    public int? Sex { get; init; }

    /// <summary>Email address.</summary>
    public string? EmailAddress { get; init; }

    /// <summary>Mobile phone number, <c>+</c> country code and digits.</summary>
    public string? MobilePhoneNumber { get; init; }

    /// <summary>Name of the authority that issued the PID. Mandatory.</summary>
    public required string IssuingAuthority { get; init; }

    /// <summary>ISO 3166-1 alpha-2 code of the issuing country. Mandatory.</summary>
    public required string IssuingCountry { get; init; }

    /// <summary>Administrative expiry date of the PID.</summary>
    public DateOnly? ExpiryDate { get; init; }

    /// <summary>Administrative issuance date of the PID.</summary>
    public DateOnly? IssuanceDate { get; init; }

    /// <summary>Document number assigned by the provider.</summary>
    public string? DocumentNumber { get; init; }

    /// <summary>ISO 3166-2 subdivision code of the issuing jurisdiction.</summary>
    public string? IssuingJurisdiction { get; init; }

    /// <summary>
    /// Checks the Rule Book constraints that a value can break: mandatory members, country codes, sex codes, the
    /// 150-character limit of mdoc text elements (Rule Book §3.1.2). Returns one message per problem; empty when valid.
    /// </summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        RequireText(problems, nameof(FamilyName), FamilyName, required: true);
        RequireText(problems, nameof(GivenName), GivenName, required: true);
        RequireText(problems, nameof(IssuingAuthority), IssuingAuthority, required: true);
        RequireCountry(problems, nameof(IssuingCountry), IssuingCountry, required: true);
        if (PlaceOfBirth is null || (PlaceOfBirth.Country is null && PlaceOfBirth.Region is null && PlaceOfBirth.Locality is null))
        {
            problems.Add("PlaceOfBirth needs at least one of Country, Region, Locality (PID Rule Book §3.1.4).");
        }
        else
        {
            RequireCountry(problems, "PlaceOfBirth.Country", PlaceOfBirth.Country, required: false);
            RequireText(problems, "PlaceOfBirth.Region", PlaceOfBirth.Region, required: false);
            RequireText(problems, "PlaceOfBirth.Locality", PlaceOfBirth.Locality, required: false);
        }

        if (Nationalities is null || Nationalities.Count == 0)
        {
            problems.Add("Nationalities needs at least one ISO 3166-1 alpha-2 code (PID Rule Book §2).");
        }
        else
        {
            foreach (var nationality in Nationalities)
            {
                RequireCountry(problems, nameof(Nationalities), nationality, required: true);
            }
        }

        if (Sex is { } sex && sex is not (0 or 1 or 2 or 3 or 4 or 5 or 6 or 9))
        {
            problems.Add($"Sex {sex} is not one of the codes 0, 1, 2, 3, 4, 5, 6, 9 (PID Rule Book §2).");
        }

        if (MobilePhoneNumber is { } phone && (phone.Length < 3 || phone[0] != '+' || !phone.Skip(1).All(char.IsAsciiDigit)))
        {
            problems.Add("MobilePhoneNumber must be '+' followed by the country code and digits (PID Rule Book §3.1.2).");
        }

        RequireText(problems, nameof(PersonalAdministrativeNumber), PersonalAdministrativeNumber, required: false);
        RequireText(problems, nameof(FamilyNameAtBirth), FamilyNameAtBirth, required: false);
        RequireText(problems, nameof(GivenNameAtBirth), GivenNameAtBirth, required: false);
        RequireText(problems, nameof(EmailAddress), EmailAddress, required: false);
        RequireText(problems, nameof(DocumentNumber), DocumentNumber, required: false);
        RequireText(problems, nameof(IssuingJurisdiction), IssuingJurisdiction, required: false);
        if (Address is { } address)
        {
            RequireCountry(problems, "Address.Country", address.Country, required: false);
            foreach (var (name, value) in new[] { ("Address.Formatted", address.Formatted), ("Address.Region", address.Region), ("Address.Locality", address.Locality), ("Address.PostalCode", address.PostalCode), ("Address.Street", address.Street), ("Address.HouseNumber", address.HouseNumber) })
            {
                RequireText(problems, name, value, required: false);
            }
        }

        return problems;
    }

    private static void RequireText(List<string> problems, string name, string? value, bool required)
    {
        if (value is null)
        {
            if (required)
            {
                problems.Add($"{name} is mandatory (PID Rule Book §2).");
            }
        }
        else if (string.IsNullOrWhiteSpace(value) || value.Length > 150)
        {
            problems.Add($"{name} must be 1 to 150 characters (PID Rule Book §3.1.2).");
        }
    }

    private static void RequireCountry(List<string> problems, string name, string? value, bool required)
    {
        if (value is null)
        {
            if (required)
            {
                problems.Add($"{name} is mandatory (PID Rule Book §2).");
            }
        }
        else if (value.Length != 2 || !value.All(char.IsAsciiLetterUpper))
        {
            problems.Add($"{name} must be an ISO 3166-1 alpha-2 code (two upper-case letters).");
        }
    }
}
