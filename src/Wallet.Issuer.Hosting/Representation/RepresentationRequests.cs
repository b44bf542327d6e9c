namespace Wallet.Issuer.Representation;

/// <summary>The agency API's body of <c>POST /api/representations</c>: a relation to register.</summary>
internal sealed class CreateRepresentationRequest
{
    /// <summary><c>parental_responsibility</c>, <c>power_of_attorney</c> or <c>legal_person_representation</c>.</summary>
    public string? Nature { get; set; }

    /// <summary>The register identifier of the person who acts.</summary>
    public string? RepresentativePersonId { get; set; }

    /// <summary>The register identifier of the represented natural person; exclusive with <see cref="LegalName"/>.</summary>
    public string? RepresentedPersonId { get; set; }

    /// <summary>The represented legal person's name (with <see cref="LegalPersonIdentifier"/>).</summary>
    public string? LegalName { get; set; }

    /// <summary>The represented legal person's identifier, e.g. an organisation number.</summary>
    public string? LegalPersonIdentifier { get; set; }

    /// <summary>Every service and operation.</summary>
    public bool FullPowers { get; set; }

    /// <summary>The named services or operations when not <see cref="FullPowers"/>.</summary>
    public List<string>? EServices { get; set; }

    /// <summary>The first effective day, <c>YYYY-MM-DD</c>.</summary>
    public DateOnly? EffectiveFrom { get; set; }

    /// <summary>The last effective day, <c>YYYY-MM-DD</c>; null when open-ended.</summary>
    public DateOnly? EffectiveUntil { get; set; }
}

/// <summary>The body of <c>POST /api/representations/{id}/offers</c>.</summary>
internal sealed class CreateRepresentationOfferRequest
{
    /// <summary>The representation attestation configurations to offer; default: both formats.</summary>
    public List<string>? CredentialConfigurationIds { get; set; }

    /// <summary>Protect the offer with a transaction code delivered to the representative out of band.</summary>
    public bool TxCode { get; set; }
}

/// <summary>The body of <c>POST /api/representations/{id}/withdrawal</c>: the represented person's withdrawal code.</summary>
internal sealed class WithdrawRepresentationRequest
{
    /// <summary>The code the register gave the represented person when the relation was registered.</summary>
    public string? WithdrawalCode { get; set; }
}

/// <summary>The answer of <c>POST /api/representations</c>.</summary>
/// <param name="RepresentationId">The relation's identifier.</param>
/// <param name="WithdrawalCode">Shown once, for the represented person (out of band, like a letter); null for a legal person.</param>
internal sealed record CreatedRepresentation(string RepresentationId, string? WithdrawalCode);

/// <summary>A relation as the agency API reports it: register identifiers and state, no PID values.</summary>
internal sealed record RepresentationView(
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
    public static RepresentationView Of(RepresentationRelation r) =>
        new(r.RepresentationId, r.Nature, r.RepresentativePersonId, r.RepresentedPersonId, r.LegalName, r.LegalPersonIdentifier, r.FullPowers, r.EServices, r.EffectiveFrom, r.EffectiveUntil, r.EndedAt, r.EndedBy);
}

/// <summary>What ending a relation did: its attestations revoked on the status list.</summary>
/// <param name="RepresentationId">The relation.</param>
/// <param name="EndedBy"><c>agency</c> or <c>represented</c>.</param>
/// <param name="RevokedCredentialIds">The attestations whose status-list entries are now invalid.</param>
internal sealed record EndedRepresentation(string RepresentationId, string EndedBy, IReadOnlyList<string> RevokedCredentialIds);
