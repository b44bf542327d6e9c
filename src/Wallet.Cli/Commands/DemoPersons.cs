using Wallet.Core.Pid;

namespace Wallet.Cli.Commands;

/// <summary>Fictional people for <c>wallet demo</c>. Every value is invented; the names are sample names, not people.</summary>
internal static class DemoPersons
{
    public const string Default = "ada";

    public static IReadOnlyList<string> Ids { get; } = ["ada", "jan"];

    /// <summary>The person with id <paramref name="id"/>, with document dates relative to <paramref name="today"/>.</summary>
    public static PersonIdentificationData Get(string id, DateOnly today) => id switch
    {
        "jan" => new PersonIdentificationData
        {
            // No personal administrative number: optional in the PID Rule Book, and absent for many citizens.
            FamilyName = "Voorbeeld",
            GivenName = "Jan",
            BirthDate = new DateOnly(1978, 11, 2),
            PlaceOfBirth = new PlaceOfBirth(Country: "NL", Locality: "Utrecht"),
            Nationalities = ["NL", "BE"],
            Address = new ResidentAddress
            {
                Street = "Voorbeeldstraat",
                HouseNumber = "7",
                PostalCode = "3511 AA",
                Locality = "Utrecht",
                Country = "NL",
            },
            IssuingAuthority = "Wallet Demo PID Provider",
            IssuingCountry = "NL",
            IssuanceDate = today,
            ExpiryDate = today.AddYears(5),
        },
        _ => new PersonIdentificationData
        {
            FamilyName = "Sample",
            GivenName = "Ada",
            BirthDate = new DateOnly(1990, 5, 17),
            PlaceOfBirth = new PlaceOfBirth(Country: "PT", Locality: "Lisboa"),
            Nationalities = ["PT"],
            Address = new ResidentAddress
            {
                Street = "Rua do Exemplo",
                HouseNumber = "12",
                PostalCode = "1000-001",
                Locality = "Lisboa",
                Country = "PT",
            },
            PersonalAdministrativeNumber = "DEMO-0000-0001",
            Sex = 2,
            EmailAddress = "ada.sample@example.org",
            IssuingAuthority = "Wallet Demo PID Provider",
            IssuingCountry = "PT",
            IssuanceDate = today,
            ExpiryDate = today.AddYears(5),
            DocumentNumber = "DEMO-PID-000001",
        },
    };
}
