using Wallet.Core.Claims;

namespace Wallet.Core.TypeMetadata;

/// <summary>
/// The Type Metadata of a credential type after its whole <c>extends</c> chain was retrieved, checked and applied
/// (draft-ietf-oauth-sd-jwt-vc-18 §4.4, §4.5.2, §4.6.5): the display of the nearest type that has one, and the claim
/// metadata of every type in the chain, the extending type's properties taking precedence per claim path.
/// </summary>
public sealed class ResolvedTypeMetadata
{
    internal ResolvedTypeMetadata(IReadOnlyList<TypeMetadataDocument> chain, IReadOnlyList<TypeDisplay> display, IReadOnlyList<ClaimMetadata> claims)
    {
        Chain = chain;
        Display = display;
        Claims = claims;
    }

    /// <summary>The type asked for.</summary>
    public string Vct => Chain[0].Vct;

    /// <summary>The documents, from the type asked for to the last one it (transitively) extends.</summary>
    public IReadOnlyList<TypeMetadataDocument> Chain { get; }

    /// <summary>The effective type display information (§4.5.2: the extending type's own, when it has one, replaces the extended one's).</summary>
    public IReadOnlyList<TypeDisplay> Display { get; }

    /// <summary>The effective claim metadata (§4.6.5).</summary>
    public IReadOnlyList<ClaimMetadata> Claims { get; }

    /// <summary>The type's display for <paramref name="locale"/> (exact tag, then same language, then the first one); null when there is none.</summary>
    public TypeDisplay? DisplayFor(string locale)
    {
        ArgumentNullException.ThrowIfNull(locale);
        return Pick(Display, d => d.Locale, locale);
    }

    /// <summary>
    /// The label of the claim at <paramref name="concretePath"/> (e.g. <c>nationalities/0</c>, which <c>["nationalities", null]</c>
    /// addresses) for <paramref name="locale"/>, chosen like <see cref="DisplayFor"/>; null when the metadata has none.
    /// </summary>
    public ClaimDisplay? LabelFor(ClaimPath concretePath, string locale)
    {
        ArgumentNullException.ThrowIfNull(concretePath);
        ArgumentNullException.ThrowIfNull(locale);
        var metadata = Claims.FirstOrDefault(c => c.Path.Matches(concretePath) && c.Display is { Count: > 0 });
        return metadata is null ? null : Pick(metadata.Display!, d => d.Locale, locale);
    }

    private static T? Pick<T>(IReadOnlyList<T> items, Func<T, string> localeOf, string locale)
        where T : class
    {
        if (items.Count == 0)
        {
            return null;
        }

        var language = locale.Split('-')[0];
        return items.FirstOrDefault(i => string.Equals(localeOf(i), locale, StringComparison.OrdinalIgnoreCase))
            ?? items.FirstOrDefault(i => string.Equals(localeOf(i).Split('-')[0], language, StringComparison.OrdinalIgnoreCase))
            ?? items[0];
    }
}
