using Xunit.Abstractions;

namespace Wallet.Core.Tests.Mutation;

/// <summary>
/// The mutation corpus (issue 10, "Hardening"): from a valid artifact of every kind we parse, every single-byte
/// change, every in-alphabet substitution of each base64url character and invalid UTF-8 in each JSON string is fed
/// to its parser or verifier. None may be accepted (except the argued, listed cases), none may throw past the
/// typed result, every rejection carries a code. A seeded sample runs in CI (<c>WALLET_MUTATION_SAMPLE</c> sizes it);
/// <c>WALLET_MUTATION_FULL=1</c> feeds everything (figures in specs/hardening.md).
/// </summary>
public sealed class MutationCorpusTests(MutationCorpus corpus, ITestOutputHelper output) : IClassFixture<MutationCorpus>
{
    public static TheoryData<string> Kinds => new(MutationCorpus.Kinds);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Valid_artifact_of_each_kind_is_accepted_before_it_is_mutated(string kind)
    {
        var surface = corpus[kind];

        var verdict = surface.Evaluate(surface.Valid);

        verdict.Accepted.Should().BeTrue($"the seed of '{kind}' must be valid, yet it was rejected with [{string.Join(", ", verdict.Codes)}]");
        foreach (var part in surface.Sealed)
        {
            surface.Evaluate(part.Seal(part.Json)).Accepted.Should().BeTrue($"sealing the unchanged {part.Name} of '{kind}' again yields a valid artifact");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_mutation_of_each_kind_is_rejected_with_a_code_and_none_throws(string kind)
    {
        var surface = corpus[kind];
        var plan = MutationFamilies.Plan(surface).ToArray();
        var mutations = MutationRunner.Select(plan);

        var report = MutationRunner.Run(surface, mutations);

        output.WriteLine($"{(MutationRunner.FullRun ? "full" : $"sample ({MutationRunner.SampleSize} per family)")} of {plan.Length} planned");
        output.WriteLine(report.ToString());
        var failures = report.Failures.Select(f => $"{f.Mutation}: {f.Problem}").ToArray();
        failures.Should().BeEmpty($"{failures.Length} of {report.Fed} mutations of '{kind}' were accepted, threw or had no code:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(50))}");
    }
}
