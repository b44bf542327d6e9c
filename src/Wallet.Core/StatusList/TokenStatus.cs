namespace Wallet.Core.StatusList;

/// <summary>The status types registered by draft-ietf-oauth-status-list §7.1; other values are application-specific.</summary>
public enum TokenStatus : byte
{
    /// <summary>0x00: the token is valid.</summary>
    Valid = 0x00,

    /// <summary>0x01: the token is revoked, permanently invalid.</summary>
    Invalid = 0x01,

    /// <summary>0x02: the token is temporarily invalid.</summary>
    Suspended = 0x02,
}
