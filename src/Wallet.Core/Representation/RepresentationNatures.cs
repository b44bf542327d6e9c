namespace Wallet.Core.Representation;

/// <summary>Natures of representation (ARF Topic 29: legal or voluntary representation of natural and legal persons).</summary>
public static class RepresentationNatures
{
    /// <summary>A voluntary mandate ("fullmakt").</summary>
    public const string PowerOfAttorney = "power_of_attorney";

    /// <summary>A parent's or guardian's legal representation of a minor ("foreldreansvar", "verge").</summary>
    public const string ParentalResponsibility = "parental_responsibility";

    /// <summary>A natural person acting for a legal person (signatory rights).</summary>
    public const string LegalPersonRepresentation = "legal_person_representation";
}
