using System.Diagnostics.CodeAnalysis;
using Wallet.Core.Trust;

namespace Wallet.Verifier.Options;

/// <summary>One <c>Verifier:TrustAnchors</c> entry: a PEM path and an optional level of assurance after <c>|</c>.</summary>
internal sealed record TrustAnchorEntry(string Path, LevelOfAssurance? LevelOfAssurance)
{
    public static bool TryParse(string? value, [NotNullWhen(true)] out TrustAnchorEntry? entry, [NotNullWhen(false)] out string? error)
    {
        entry = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            error = "is empty";
            return false;
        }

        var bar = value.LastIndexOf('|');
        var path = (bar < 0 ? value : value[..bar]).Trim();
        LevelOfAssurance? level = null;
        if (bar >= 0)
        {
            var tag = value[(bar + 1)..].Trim();
            if (!Enum.TryParse<LevelOfAssurance>(tag, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(tag, out _))
            {
                error = $"has the level of assurance '{tag}'; use low, substantial or high";
                return false;
            }

            level = parsed;
        }

        if (path.Length == 0)
        {
            error = "has no path";
            return false;
        }

        entry = new TrustAnchorEntry(path, level);
        error = null;
        return true;
    }
}
