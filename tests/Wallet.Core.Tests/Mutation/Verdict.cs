namespace Wallet.Core.Tests.Mutation;

/// <summary>What a parser or verifier said about one input: accepted, or rejected with these codes.</summary>
internal sealed record Verdict(bool Accepted, IReadOnlyList<string> Codes, int Disclosed = 0)
{
    public static Verdict Of(bool accepted, IEnumerable<VerificationError> errors, int disclosed = 0) =>
        new(accepted, errors.Select(e => e.Code).ToArray(), disclosed);
}
