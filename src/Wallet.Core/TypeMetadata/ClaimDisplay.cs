namespace Wallet.Core.TypeMetadata;

/// <summary>One locale's label for a claim (draft-ietf-oauth-sd-jwt-vc-18 §4.6.2).</summary>
/// <param name="Locale">The RFC 5646 language tag.</param>
/// <param name="Label">The claim's label for end users.</param>
/// <param name="Description">The optional description for end users.</param>
public sealed record ClaimDisplay(string Locale, string Label, string? Description);
