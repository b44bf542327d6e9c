using Wallet.Core.Pid;
using Wallet.Issuer.Pid;

namespace Wallet.Hosting.Tests;

/// <summary>The agency's population register, registered with <c>UsePersonRegister&lt;AgencyRegister&gt;()</c>. Invented person.</summary>
public sealed class AgencyRegister : IAuthenticSource
{
    public const string AdaId = "agency-register-0042";

    public static PersonIdentificationData Ada { get; } = new()
    {
        FamilyName = "Lovelace",
        GivenName = "Ada",
        BirthDate = new DateOnly(1985, 12, 10),
        PlaceOfBirth = new PlaceOfBirth("NO", null, "Bergen"),
        Nationalities = ["NO"],
        PersonalAdministrativeNumber = "10128512345",
        IssuingAuthority = "Agency PID Provider",
        IssuingCountry = "NO",
    };

    public ValueTask<PersonIdentificationData?> FindAsync(string personId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(personId == AdaId ? Ada : null);
}
