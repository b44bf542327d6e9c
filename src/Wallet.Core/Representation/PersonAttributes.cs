namespace Wallet.Core.Representation;

/// <summary>A natural person identified by the PID's core attributes (PID Rule Book §3.1.2: family name, given name, birth date).</summary>
/// <param name="FamilyName">The family name.</param>
/// <param name="GivenName">The given name.</param>
/// <param name="BirthDate">The date of birth.</param>
public sealed record PersonAttributes(string FamilyName, string GivenName, DateOnly BirthDate)
{
    /// <summary>"Given Family".</summary>
    public override string ToString() => $"{GivenName} {FamilyName}";

    /// <summary>True when every attribute is equal: names ordinal after Unicode normalisation (form C), dates exactly.</summary>
    public bool IsSamePersonAs(PersonAttributes other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return BirthDate == other.BirthDate
            && string.Equals(FamilyName.Normalize(), other.FamilyName.Normalize(), StringComparison.Ordinal)
            && string.Equals(GivenName.Normalize(), other.GivenName.Normalize(), StringComparison.Ordinal);
    }
}
