using Wallet.Core.Trust;

namespace Wallet.Verifier.Options;

/// <summary>The default trust source: the PEM files of <c>Verifier:TrustAnchors</c>, read once at start.</summary>
internal static class ConfiguredTrustAnchors
{
    public static TrustAnchorStore Load(VerifierOptions options)
    {
        var anchors = TrustAnchorStore.Empty;
        foreach (var value in options.TrustAnchors)
        {
            // Validated at start by VerifierOptionsValidator.
            var entry = TrustAnchorEntry.TryParse(value, out var parsed, out var error) ? parsed : throw new InvalidOperationException(error);
            anchors = anchors.Merge(TrustAnchorStore.FromFiles([entry.Path], entry.LevelOfAssurance));
        }

        return anchors;
    }
}
