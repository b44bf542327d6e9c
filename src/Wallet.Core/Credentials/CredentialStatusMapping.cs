using Wallet.Core.StatusList;

namespace Wallet.Core.Credentials;

/// <summary>Maps a Status List entry to <see cref="CredentialStatus"/> the same way for every format.</summary>
internal static class CredentialStatusMapping
{
    /// <summary>The registered status types of draft-ietf-oauth-status-list §7.1; any other value is <see cref="CredentialStatus.Other"/>.</summary>
    public static CredentialStatus FromStatusValue(byte value) => value switch
    {
        (byte)TokenStatus.Valid => CredentialStatus.Valid,
        (byte)TokenStatus.Invalid => CredentialStatus.Revoked,
        (byte)TokenStatus.Suspended => CredentialStatus.Suspended,
        _ => CredentialStatus.Other,
    };
}
