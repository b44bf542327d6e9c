using Wallet.Core.Pid;

namespace Wallet.Issuer.Pid;

/// <summary>One synthetic person of the development register.</summary>
/// <param name="PersonId">The register identifier used by the agency API.</param>
/// <param name="Description">Why the person is in the register (which edge case they cover).</param>
/// <param name="BirthDate">The date of birth as registered, possibly partial.</param>
/// <param name="Data">The PID; its <see cref="PersonIdentificationData.BirthDate"/> is <paramref name="BirthDate"/> completed.</param>
public sealed record SyntheticPerson(string PersonId, string Description, RegisterBirthDate BirthDate, PersonIdentificationData Data)
{
    /// <summary>The register marks the person for a manual check: their credentials are issued deferred (OpenID4VCI 1.0 §9).</summary>
    public bool RequiresManualCheck { get; init; }
}
