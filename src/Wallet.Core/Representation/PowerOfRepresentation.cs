namespace Wallet.Core.Representation;

/// <summary>
/// One representation relation as an attestation states it, modelled on the EUDI Power of Representation attestation
/// (<c>eu.europa.ec.eudi.por.1</c>) and ARF Topic 29: who is represented (a natural person or a legal person, identified
/// by attributes, not necessarily a national number), who represents, the nature and scope, when it is effective and who
/// issued it. Parental responsibility for a minor is a representation of nature <see cref="RepresentationNatures.ParentalResponsibility"/>.
/// </summary>
public sealed record PowerOfRepresentation
{
    /// <summary>The represented party.</summary>
    public required RepresentedParty Represented { get; init; }

    /// <summary>The representative: the natural person who acts, identified as in their PID.</summary>
    public required PersonAttributes Representative { get; init; }

    /// <summary>The nature of the relation, e.g. <see cref="RepresentationNatures.PowerOfAttorney"/>.</summary>
    public required string Nature { get; init; }

    /// <summary>True for full powers: every service and operation.</summary>
    public bool FullPowers { get; init; }

    /// <summary>The named services or operations the representation covers when not <see cref="FullPowers"/>.</summary>
    public IReadOnlyList<string> EServices { get; init; } = [];

    /// <summary>The first day the representation is effective.</summary>
    public required DateOnly EffectiveFrom { get; init; }

    /// <summary>The last day the representation is effective; null when open-ended (then short-lived or revocable only).</summary>
    public DateOnly? EffectiveUntil { get; init; }

    /// <summary>The authority that registered the relation.</summary>
    public required string IssuingAuthority { get; init; }

    /// <summary>ISO 3166-1 alpha-2 country of the issuing authority.</summary>
    public required string IssuingCountry { get; init; }

    /// <summary>The scope in words: "full powers" or the list of services.</summary>
    public string ScopeText => FullPowers ? "full powers" : string.Join(", ", EServices);
}
