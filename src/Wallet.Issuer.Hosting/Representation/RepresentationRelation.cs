namespace Wallet.Issuer.Representation;

/// <summary>One representation relation as the register holds it; persons are named by their register identifiers.</summary>
internal sealed record RepresentationRelation(
    string RepresentationId,
    string Nature,
    string RepresentativePersonId,
    string? RepresentedPersonId,
    string? LegalName,
    string? LegalPersonIdentifier,
    bool FullPowers,
    IReadOnlyList<string> EServices,
    DateOnly EffectiveFrom,
    DateOnly? EffectiveUntil,
    DateTimeOffset? EndedAt,
    string? EndedBy)
{
    /// <summary>True when the agency revoked it or the represented person withdrew it; nothing is issued for it any more.</summary>
    public bool HasEnded => EndedAt is not null;
}
