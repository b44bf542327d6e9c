using Wallet.Core.Pid;
using Wallet.Issuer.Pid;

namespace Wallet.Issuer.Tests.Seams;

/// <summary>A host's own authentic source: one person the embedded register does not know.</summary>
public sealed class HostRegister : IAuthenticSource
{
    public const string PersonId = "host-person-1";

    public static PersonIdentificationData Ada { get; } = new()
    {
        FamilyName = "Lovelace",
        GivenName = "Ada",
        BirthDate = new DateOnly(1985, 12, 10),
        PlaceOfBirth = new PlaceOfBirth("NO", null, "Bergen"),
        Nationalities = ["NO"],
        PersonalAdministrativeNumber = "10128512345",
        IssuingAuthority = "Host Agency",
        IssuingCountry = "NO",
    };

    public int Lookups { get; private set; }

    public ValueTask<PersonIdentificationData?> FindAsync(string personId, CancellationToken cancellationToken = default)
    {
        Lookups++;
        return ValueTask.FromResult(personId == PersonId ? Ada : null);
    }
}
