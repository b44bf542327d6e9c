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
