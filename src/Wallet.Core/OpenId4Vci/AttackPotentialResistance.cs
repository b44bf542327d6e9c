namespace Wallet.Core.OpenId4Vci;

/// <summary>
/// The attack potential resistance values of <c>key_storage</c> and <c>user_authentication</c> (OpenID4VCI 1.0
/// Appendix D.2), each the ISO/IEC 18045 vulnerability analysis level the key storage or user authentication resists.
/// </summary>
public static class AttackPotentialResistance
{
    /// <summary>Resists attack potential "High" (VAN.5).</summary>
    public const string Iso18045High = "iso_18045_high";

    /// <summary>Resists attack potential "Moderate" (VAN.4).</summary>
    public const string Iso18045Moderate = "iso_18045_moderate";

    /// <summary>Resists attack potential "Enhanced-Basic" (VAN.3).</summary>
    public const string Iso18045EnhancedBasic = "iso_18045_enhanced-basic";

    /// <summary>Resists attack potential "Basic" (VAN.2).</summary>
    public const string Iso18045Basic = "iso_18045_basic";
}
