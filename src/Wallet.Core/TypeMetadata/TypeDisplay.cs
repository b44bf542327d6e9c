namespace Wallet.Core.TypeMetadata;

/// <summary>
/// One locale's display information for a credential type (draft-ietf-oauth-sd-jwt-vc-18 §4.5). Rendering
/// information (<c>rendering</c>) is not read; it is ignored like any property not understood.
/// </summary>
/// <param name="Locale">The RFC 5646 language tag.</param>
/// <param name="Name">The type's name for end users.</param>
/// <param name="Description">The optional description for end users.</param>
public sealed record TypeDisplay(string Locale, string Name, string? Description);
