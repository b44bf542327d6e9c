namespace Wallet.Core.OpenId4Vci;

/// <summary>How a claim is named for the End-User in one language (OpenID4VCI 1.0 Appendix B.2 <c>display</c>).</summary>
/// <param name="Name">The display name.</param>
/// <param name="Locale">The BCP 47 language tag, for example <c>en</c> or <c>nb</c>.</param>
public sealed record ClaimDisplay(string Name, string? Locale = null);
