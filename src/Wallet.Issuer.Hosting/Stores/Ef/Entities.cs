namespace Wallet.Issuer.Stores.Ef;

internal sealed class OfferEntity
{
    public string OfferId { get; set; } = string.Empty;

    public string CodeHash { get; set; } = string.Empty;

    public string? Code { get; set; }

    public string? TxCodeHash { get; set; }

    public int? TxCodeLength { get; set; }

    public string ConfigurationIdsJson { get; set; } = "[]";

    public string? PersonId { get; set; }

    public string? InlineClaimsJson { get; set; }

    public long CreatedAt { get; set; }

    public long ExpiresAt { get; set; }

    public bool Redeemed { get; set; }

    public int FailedTxCodeAttempts { get; set; }

    public bool IsAuthorizationCode { get; set; }

    public string? RepresentationId { get; set; }
}

internal sealed class NonceEntity
{
    public string Nonce { get; set; } = string.Empty;

    public long ExpiresAt { get; set; }
}

internal sealed class DpopProofEntity
{
    public string ProofId { get; set; } = string.Empty;

    public long ExpiresAt { get; set; }
}

internal sealed class AccessTokenEntity
{
    public string TokenHash { get; set; } = string.Empty;

    public string? OfferId { get; set; }

    public string? KeyThumbprint { get; set; }

    public string? ClientId { get; set; }

    public string? PersonId { get; set; }

    public bool UsesCredentialIdentifiers { get; set; }

    public string ConfigurationIdsJson { get; set; } = "[]";

    public long ExpiresAt { get; set; }
}

internal sealed class RefreshTokenEntity
{
    public string TokenHash { get; set; } = string.Empty;

    public string FamilyId { get; set; } = string.Empty;

    public string KeyThumbprint { get; set; } = string.Empty;

    public string? ClientId { get; set; }

    public string? PersonId { get; set; }

    public bool UsesCredentialIdentifiers { get; set; }

    public string ConfigurationIdsJson { get; set; } = "[]";

    public long GrantedAt { get; set; }

    public long IssuedAt { get; set; }

    public long ExpiresAt { get; set; }

    public long? UsedAt { get; set; }

    public long? RevokedAt { get; set; }
}

internal sealed class IssuedCredentialEntity
{
    public string CredentialId { get; set; } = string.Empty;

    public string OfferId { get; set; } = string.Empty;

    public string? PersonId { get; set; }

    public string ConfigurationId { get; set; } = string.Empty;

    public string StatusListUri { get; set; } = string.Empty;

    public int StatusIndex { get; set; }

    public long IssuedAt { get; set; }

    public long ExpiresAt { get; set; }

    public string? RepresentationId { get; set; }

    public string? NotificationId { get; set; }

    public string? NotificationEvent { get; set; }

    public long? NotifiedAt { get; set; }
}

internal sealed class StatusListEntity
{
    public string Uri { get; set; } = string.Empty;

    public int Bits { get; set; }

    public byte[] Statuses { get; set; } = [];

    public byte[] AllocationBitmap { get; set; } = [];

    public long Version { get; set; }
}
internal sealed class AuthorizationGrantEntity
{
    public string Key { get; set; } = string.Empty;

    public string Json { get; set; } = "{}";

    public long ExpiresAt { get; set; }
}

/// <summary>
/// One person of the built-in register, as the register records it: a birth date with unknown parts left null, and
/// no issuing authority or country (those belong to the issuer, not the person).
/// </summary>
internal sealed class PersonEntity
{
    public string PersonId { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public bool RequiresManualCheck { get; set; }

    public string FamilyName { get; set; } = string.Empty;

    public string GivenName { get; set; } = string.Empty;

    public string? FamilyNameAtBirth { get; set; }

    public string? GivenNameAtBirth { get; set; }

    public int BirthYear { get; set; }

    public int? BirthMonth { get; set; }

    public int? BirthDay { get; set; }

    public string? BirthCountry { get; set; }

    public string? BirthRegion { get; set; }

    public string? BirthLocality { get; set; }

    public string NationalitiesJson { get; set; } = "[]";

    public string? AddressFormatted { get; set; }

    public string? AddressCountry { get; set; }

    public string? AddressRegion { get; set; }

    public string? AddressLocality { get; set; }

    public string? AddressPostalCode { get; set; }

    public string? AddressStreet { get; set; }

    public string? AddressHouseNumber { get; set; }

    public string? PersonalAdministrativeNumber { get; set; }

    public int? Sex { get; set; }

    public string? EmailAddress { get; set; }

    public string? MobilePhoneNumber { get; set; }
}

internal sealed class AuditEntryEntity
{
    public long Sequence { get; set; }

    public long At { get; set; }

    public string Actor { get; set; } = string.Empty;

    public string Action { get; set; } = string.Empty;

    public string? OfferId { get; set; }

    public string? CredentialId { get; set; }

    public string? CredentialConfigurationId { get; set; }
}

/// <summary>One representation relation of the register (issue 13 §1): who acts for whom, in what and when.</summary>
internal sealed class RepresentationEntity
{
    public string RepresentationId { get; set; } = string.Empty;

    public string Nature { get; set; } = string.Empty;

    public string RepresentativePersonId { get; set; } = string.Empty;

    public string? RepresentedPersonId { get; set; }

    public string? LegalName { get; set; }

    public string? LegalPersonIdentifier { get; set; }

    public bool FullPowers { get; set; }

    public string EServicesJson { get; set; } = "[]";

    public string EffectiveFrom { get; set; } = string.Empty;

    public string? EffectiveUntil { get; set; }

    public string? WithdrawalCodeHash { get; set; }

    public long CreatedAt { get; set; }

    public long? EndedAt { get; set; }

    public string? EndedBy { get; set; }
}

/// <summary>
/// A deferred issuance (OpenID4VCI 1.0 §9): what is needed to issue later — the holder keys the proofs proved, the
/// configuration and the subject reference — never claim values.
/// </summary>
internal sealed class DeferredIssuanceEntity
{
    public string DeferredId { get; set; } = string.Empty;

    public string TransactionIdHash { get; set; } = string.Empty;

    public string TokenHash { get; set; } = string.Empty;

    public string ConfigurationId { get; set; } = string.Empty;

    public string? OfferId { get; set; }

    public string? PersonId { get; set; }

    public bool LoggedIn { get; set; }

    public string HolderKeysJson { get; set; } = "[]";

    public int State { get; set; }

    public long CreatedAt { get; set; }

    public long ExpiresAt { get; set; }
}
