using Microsoft.Extensions.Options;
using Wallet.Core.Pid;
using Wallet.Issuer.Options;

namespace Wallet.Issuer.Pid;

/// <summary>
/// The built-in authentic source for development and tests: an embedded, seeded register of synthetic persons that
/// covers the cases issuance must handle — no personal administrative number, stateless (<c>QS</c>), a partially
/// known birth date, a minor. All names and numbers are invented.
/// </summary>
public sealed class SyntheticPersonRegistry : IAuthenticSource
{
    private readonly Dictionary<string, SyntheticPerson> _persons;

    /// <summary>Creates the register with the issuing authority and country of <paramref name="options"/>.</summary>
    public SyntheticPersonRegistry(IOptions<IssuerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var authority = options.Value.IssuingAuthority;
        var country = options.Value.IssuingCountry;
        Persons = Seed(authority, country);
        _persons = Persons.ToDictionary(p => p.PersonId, StringComparer.Ordinal);
    }

    /// <summary>Every person of the register.</summary>
    public IReadOnlyList<SyntheticPerson> Persons { get; }

    /// <inheritdoc />
    public ValueTask<PersonIdentificationData?> FindAsync(string personId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_persons.TryGetValue(personId, out var person) ? person.Data : null);

    private static List<SyntheticPerson> Seed(string authority, string country)
    {
        SyntheticPerson Person(string id, string description, RegisterBirthDate birth, Func<PersonIdentificationData, PersonIdentificationData> shape) =>
            new(id, description, birth, shape(new PersonIdentificationData
            {
                FamilyName = "-",
                GivenName = "-",
                BirthDate = birth.ToPidDate(),
                PlaceOfBirth = new PlaceOfBirth(Country: country),
                Nationalities = [country],
                IssuingAuthority = authority,
                IssuingCountry = country,
            }));

        return
        [
            Person("kari-nordmann", "Adult citizen with every optional attribute", new RegisterBirthDate(1985, 4, 12), p => p with
            {
                FamilyName = "Nordmann",
                GivenName = "Kari",
                PlaceOfBirth = new PlaceOfBirth("NO", "Troms", "Tromsø"),
                Nationalities = ["NO"],
                PersonalAdministrativeNumber = "12048599937",
                Sex = 2,
                Address = new ResidentAddress { Street = "Storgata", HouseNumber = "1B", PostalCode = "0155", Locality = "Oslo", Country = "NO" },
                EmailAddress = "kari.nordmann@example.org",
                MobilePhoneNumber = "+4799999999",
                FamilyNameAtBirth = "Hansen",
            }),
            Person("amina-haddad", "Foreign resident without a personal administrative number", new RegisterBirthDate(1992, 9, 3), p => p with
            {
                FamilyName = "Haddad",
                GivenName = "Amina",
                PlaceOfBirth = new PlaceOfBirth("LB", Locality: "Beirut"),
                Nationalities = ["LB"],
                Address = new ResidentAddress { Locality = "Bergen", Country = "NO" },
            }),
            Person("yusuf-stateless", "Stateless person (nationality QS) with an unknown place of birth country", new RegisterBirthDate(1978, 1, 20), p => p with
            {
                FamilyName = "Karimi",
                GivenName = "Yusuf",
                PlaceOfBirth = new PlaceOfBirth(Region: "Unknown region"),
                Nationalities = ["QS"],
                PersonalAdministrativeNumber = "20017899822",
            }),
            Person("partial-birthdate", "Birth date known only to the year (completed to 1 January)", new RegisterBirthDate(1969), p => p with
            {
                FamilyName = "Ahmadi",
                GivenName = "Leila",
                PlaceOfBirth = new PlaceOfBirth("AF"),
                Nationalities = ["AF", "NO"],
                PersonalAdministrativeNumber = "01016999911",
            }),
            Person("ola-minor", "Minor (under 18) without e-mail or phone", new RegisterBirthDate(2014, 6, 30), p => p with
            {
                FamilyName = "Nordmann",
                GivenName = "Ola",
                PlaceOfBirth = new PlaceOfBirth("NO", Locality: "Oslo"),
                Nationalities = ["NO"],
                PersonalAdministrativeNumber = "30061499955",
                Sex = 1,
            }),
        ];
    }
}
