using Wallet.Core.Trust;

namespace Wallet.Verifier.Validation;

/// <summary>
/// The relying party's minimum level of assurance, applied after every other check: each verified credential's level is
/// the tag of the trust anchor its issuer chains to, so the result names that anchor too. An untagged anchor certifies
/// no level and fails any minimum (fail closed).
/// </summary>
internal static class LevelOfAssuranceRequirement
{
    public const string Step = "level_of_assurance";

    public static PresentationResult Apply(PresentationResult result, LevelOfAssurance? minimum)
    {
        if (minimum is not { } required || !result.IsVerified)
        {
            return result;
        }

        var errors = new List<ResultError>();
        foreach (var (queryId, credentials) in result.Credentials)
        {
            for (var i = 0; i < credentials.Count; i++)
            {
                var credential = credentials[i];
                var level = Enum.TryParse<LevelOfAssurance>(credential.LevelOfAssurance, ignoreCase: true, out var parsed) ? parsed : (LevelOfAssurance?)null;
                if (level is null || level < required)
                {
                    errors.Add(new(
                        VerifierErrorCodes.LevelOfAssuranceTooLow,
                        $"Presentation [{i}] for Credential Query '{queryId}': its issuer's trust anchor '{credential.TrustAnchor ?? "unknown"}' certifies {(level is null ? "no level of assurance" : $"level of assurance {level}")}; this relying party requires {required} or higher."));
                }
            }
        }

        return errors.Count == 0
            ? result with { Steps = [.. result.Steps, Step] }
            : PresentationResult.Rejected(errors) with { Steps = [.. result.Steps, Step] };
    }
}
