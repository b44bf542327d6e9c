using Wallet.Core.Claims;

namespace Wallet.Core.TypeMetadata;

/// <summary>
/// One claim metadata object (draft-ietf-oauth-sd-jwt-vc-18 §4.6). Properties the document left out are null, so an
/// extending type can override exactly what it sets (§4.6.5); <see cref="IsMandatory"/> and <see cref="Rule"/> give the
/// effective values with the defaults applied.
/// </summary>
/// <param name="Path">The claim path (§4.6.1): strings, <c>null</c> (every element) and non-negative indexes.</param>
/// <param name="Display">The per-locale labels, or null when not given.</param>
/// <param name="Mandatory">The <c>mandatory</c> value, or null when not given.</param>
/// <param name="Sd">The <c>sd</c> value, or null when not given.</param>
/// <param name="SvgId">The <c>svg_id</c>, or null when not given.</param>
public sealed record ClaimMetadata(ClaimPath Path, IReadOnlyList<ClaimDisplay>? Display, bool? Mandatory, SelectiveDisclosureRule? Sd, string? SvgId)
{
    /// <summary>The effective <c>mandatory</c> (default false, §4.6.3).</summary>
    public bool IsMandatory => Mandatory ?? false;

    /// <summary>The effective <c>sd</c> (default <c>allowed</c>, §4.6.4).</summary>
    public SelectiveDisclosureRule Rule => Sd ?? SelectiveDisclosureRule.Allowed;
}
