using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wallet.Core.Pid;
using Wallet.Issuer.Options;
using Wallet.Issuer.Stores;
using Wallet.Issuer.Stores.Ef;

namespace Wallet.Issuer.Pid;

/// <summary>
/// The built-in authentic source: an embedded register (the <c>Persons</c> table of the issuer's SQLite database),
/// seeded on first start with synthetic persons that cover the cases issuance must handle — no personal
/// administrative number, stateless (<c>QS</c>), a partially known birth date, a minor, a person marked for a manual check (issued deferred). All names and numbers are
/// invented. The rows are the truth afterwards: a person edited in the database is issued as edited. Every person's
/// portrait is drawn from their identifier (<see cref="SyntheticPortrait"/>) when read, so no image is stored and no
/// photograph of a real person exists anywhere in the register.
/// </summary>
/// <param name="factory">The issuer's database.</param>
/// <param name="options">The issuing authority and country written into every PID.</param>
public sealed class SqlitePersonRegister(IDbContextFactory<IssuerDbContext> factory, IOptions<IssuerOptions> options) : IAuthenticSource
{
    /// <inheritdoc />
    public async ValueTask<PersonIdentificationData?> FindAsync(string personId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(personId);
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entity = await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.PersonId == personId, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ToPerson(entity).Data;
    }

    /// <inheritdoc />
    public async ValueTask<bool> RequiresManualCheckAsync(string personId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(personId);
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Persons.AsNoTracking().AnyAsync(p => p.PersonId == personId && p.RequiresManualCheck, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The birth date as the register holds it (month or day possibly unknown), or null for an unknown person.</summary>
    internal async ValueTask<RegisterBirthDate?> FindBirthDateAsync(string personId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entity = await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.PersonId == personId, cancellationToken).ConfigureAwait(false);
        return entity is null || !HasValidBirthDate(entity) ? null : new RegisterBirthDate(entity.BirthYear, entity.BirthMonth, entity.BirthDay);
    }

    /// <summary>Every person of the register, ordered by identifier.</summary>
    public async ValueTask<IReadOnlyList<SyntheticPerson>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entities = await db.Persons.AsNoTracking().OrderBy(p => p.PersonId).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. entities.Select(ToPerson)];
    }

    /// <summary>
    /// Seeds the register with <see cref="SeedPersons"/> when the <c>Persons</c> table is empty, so a restart neither
    /// duplicates nor overwrites rows. Called once the schema exists (<see cref="DatabaseInitializer"/>).
    /// </summary>
    /// <returns>True when the table was empty and has been seeded.</returns>
    public async ValueTask<bool> SeedIfEmptyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (await db.Persons.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var issuer = options.Value;
        db.Persons.AddRange(SeedPersons(issuer.IssuingAuthority, issuer.IssuingCountry).Select(ToEntity));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private SyntheticPerson ToPerson(PersonEntity e)
    {
        if (!HasValidBirthDate(e))
        {
            // A register error, not bad input: fail loudly rather than issue a date nobody recorded.
            throw new InvalidOperationException($"The register row of person '{e.PersonId}' has no valid birth date.");
        }

        var birth = new RegisterBirthDate(e.BirthYear, e.BirthMonth, e.BirthDay);
        var hasAddress = e.AddressFormatted is not null || e.AddressCountry is not null || e.AddressRegion is not null || e.AddressLocality is not null
            || e.AddressPostalCode is not null || e.AddressStreet is not null || e.AddressHouseNumber is not null;
        var issuer = options.Value;
        return new SyntheticPerson(e.PersonId, e.Description, birth, new PersonIdentificationData
        {
            FamilyName = e.FamilyName,
            GivenName = e.GivenName,
            FamilyNameAtBirth = e.FamilyNameAtBirth,
            GivenNameAtBirth = e.GivenNameAtBirth,
            BirthDate = birth.ToPidDate(),
            PlaceOfBirth = new PlaceOfBirth(e.BirthCountry, e.BirthRegion, e.BirthLocality),
            Nationalities = StoredJson.Read<List<string>>(e.NationalitiesJson) ?? [],
            Address = hasAddress
                ? new ResidentAddress
                {
                    Formatted = e.AddressFormatted,
                    Country = e.AddressCountry,
                    Region = e.AddressRegion,
                    Locality = e.AddressLocality,
                    PostalCode = e.AddressPostalCode,
                    Street = e.AddressStreet,
                    HouseNumber = e.AddressHouseNumber,
                }
                : null,
            PersonalAdministrativeNumber = e.PersonalAdministrativeNumber,
            Sex = e.Sex,
            EmailAddress = e.EmailAddress,
            MobilePhoneNumber = e.MobilePhoneNumber,
            Portrait = SyntheticPortrait.For(e.PersonId),
            IssuingAuthority = issuer.IssuingAuthority,
            IssuingCountry = issuer.IssuingCountry,
        })
        { RequiresManualCheck = e.RequiresManualCheck };
    }

    private static bool HasValidBirthDate(PersonEntity e) =>
        e.BirthYear is >= 1 and <= 9999
        && (e.BirthMonth is null
            ? e.BirthDay is null
            : e.BirthMonth is >= 1 and <= 12 && (e.BirthDay is null || (e.BirthDay >= 1 && e.BirthDay <= DateTime.DaysInMonth(e.BirthYear, e.BirthMonth.Value))));

    private static PersonEntity ToEntity(SyntheticPerson person) => new()
    {
        PersonId = person.PersonId,
        Description = person.Description,
        RequiresManualCheck = person.RequiresManualCheck,
        FamilyName = person.Data.FamilyName,
        GivenName = person.Data.GivenName,
        FamilyNameAtBirth = person.Data.FamilyNameAtBirth,
        GivenNameAtBirth = person.Data.GivenNameAtBirth,
        BirthYear = person.BirthDate.Year,
        BirthMonth = person.BirthDate.Month,
        BirthDay = person.BirthDate.Day,
        BirthCountry = person.Data.PlaceOfBirth.Country,
        BirthRegion = person.Data.PlaceOfBirth.Region,
        BirthLocality = person.Data.PlaceOfBirth.Locality,
        NationalitiesJson = JsonSerializer.Serialize(person.Data.Nationalities),
        AddressFormatted = person.Data.Address?.Formatted,
        AddressCountry = person.Data.Address?.Country,
        AddressRegion = person.Data.Address?.Region,
        AddressLocality = person.Data.Address?.Locality,
        AddressPostalCode = person.Data.Address?.PostalCode,
        AddressStreet = person.Data.Address?.Street,
        AddressHouseNumber = person.Data.Address?.HouseNumber,
        PersonalAdministrativeNumber = person.Data.PersonalAdministrativeNumber,
        Sex = person.Data.Sex,
        EmailAddress = person.Data.EmailAddress,
        MobilePhoneNumber = person.Data.MobilePhoneNumber,
    };

    /// <summary>
    /// The synthetic persons the register is seeded with on first start, with the issuing authority and country
    /// <paramref name="authority"/> and <paramref name="country"/>.
    /// </summary>
    public static IReadOnlyList<SyntheticPerson> SeedPersons(string authority, string country)
    {
        SyntheticPerson Person(string id, string description, RegisterBirthDate birth, Func<PersonIdentificationData, PersonIdentificationData> shape) =>
            new(id, description, birth, shape(new PersonIdentificationData
            {
                FamilyName = "-",
                GivenName = "-",
                BirthDate = birth.ToPidDate(),
                PlaceOfBirth = new PlaceOfBirth(Country: country),
                Nationalities = [country],
                Portrait = SyntheticPortrait.For(id),
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
            Person("jonas-manual-check", "Newly registered resident without a personal administrative number, marked for a manual check: issued deferred", new RegisterBirthDate(1990, 11, 5), p => p with
            {
                FamilyName = "Berg",
                GivenName = "Jonas",
                PlaceOfBirth = new PlaceOfBirth("SE", Locality: "Uppsala"),
                Nationalities = ["SE"],
                Address = new ResidentAddress { Locality = "Trondheim", Country = "NO" },
            }) with { RequiresManualCheck = true },
        ];
    }
}
