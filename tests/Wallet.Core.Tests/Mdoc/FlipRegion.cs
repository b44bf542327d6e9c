namespace Wallet.Core.Tests.Mdoc;

/// <summary>
/// A part of an encoded DeviceResponse and what changing one of its bytes must do to verification.
/// </summary>
/// <param name="Name">Short name of the part, used in failure lists and the summary.</param>
/// <param name="Why">Why a change there yields exactly these codes.</param>
/// <param name="Allowed">Every code a flip in this part may produce; anything else is a wrong code.</param>
/// <param name="AnyOf">At least one of these must be reported (the check that catches the change).</param>
/// <param name="NothingDisclosed">
/// The part is outside every signature and MAC by design: a change must not fail verification, but no
/// issuer-signed element may come back as verified.
/// </param>
internal sealed record FlipRegion(string Name, string Why, IReadOnlySet<string> Allowed, IReadOnlySet<string> AnyOf, bool NothingDisclosed = false)
{
    public static FlipRegion Of(string name, string why, params string[] codes) => new(name, why, codes.ToHashSet(), codes.ToHashSet());

    public static FlipRegion Of(string name, string why, string[] anyOf, params string[] alsoAllowed) =>
        new(name, why, anyOf.Concat(alsoAllowed).ToHashSet(), anyOf.ToHashSet());

    /// <summary>Null when <paramref name="codes"/> is what a flip here may produce; otherwise what is wrong.</summary>
    public string? Check(IReadOnlyCollection<string> codes, bool isValid, int disclosedElements)
    {
        if (NothingDisclosed)
        {
            return codes.Count == 0 && disclosedElements == 0 ? null : $"expected a valid result with nothing disclosed, got [{string.Join(", ", codes)}] and {disclosedElements} elements";
        }

        if (isValid || codes.Count == 0)
        {
            return "verification succeeded";
        }

        var unexpected = codes.Where(c => !Allowed.Contains(c)).Distinct().ToArray();
        if (unexpected.Length > 0)
        {
            return $"unexpected [{string.Join(", ", unexpected)}] in [{string.Join(", ", codes)}]";
        }

        return codes.Any(AnyOf.Contains) ? null : $"none of [{string.Join(", ", AnyOf)}] in [{string.Join(", ", codes)}]";
    }
}
