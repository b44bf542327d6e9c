namespace Wallet.Core.StatusList;

/// <summary>Media types and <c>typ</c> values of draft-ietf-oauth-status-list §5, §8.1 and §14.</summary>
public static class StatusListMediaTypes
{
    /// <summary>The JWT <c>typ</c> header of a Status List Token (§5.1).</summary>
    public const string JwtType = "statuslist+jwt";

    /// <summary>The HTTP media type of a Status List Token in JWT form (§8.1).</summary>
    public const string Jwt = "application/statuslist+jwt";

    /// <summary>The HTTP media type, and the COSE <c>typ</c> (label 16) value, of a Status List Token in CWT form (§5.2, §8.1).</summary>
    public const string Cwt = "application/statuslist+cwt";
}
