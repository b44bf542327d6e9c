using Wallet.Fuzz;

namespace Wallet.Core.Tests.Fuzzing;

/// <summary>
/// The CI half of coverage-guided fuzzing (specs/fuzzing.md): every committed input of every harness — the seeds and
/// what campaigns found — runs through the same harness code the engine runs, in process and without an engine.
/// A harness throws when an exception escapes the parser's typed result or a rejection names no failed check.
/// </summary>
public sealed class FuzzCorpusReplayTests
{
    private static readonly string CorpusRoot = Path.Combine(AppContext.BaseDirectory, "FuzzCorpus");

    public static TheoryData<string> Targets => [.. FuzzTargets.All.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_committed_input_ends_in_the_typed_result_of_its_parser(string name)
    {
        var target = FuzzTargets.Find(name)!;
        var files = Inputs(name);
        files.Should().NotBeEmpty("each harness has a seed corpus in tests/Wallet.Fuzz/corpus/{0}", name);

        var escaped = new List<string>();
        foreach (var file in files)
        {
            try
            {
                target.Run(File.ReadAllBytes(file));
            }
#pragma warning disable CA1031 // Collects every escaping exception so one run names them all.
            catch (Exception e)
#pragma warning restore CA1031
            {
                escaped.Add($"{Path.GetFileName(file)}: {e.GetType().Name}: {e.Message}");
            }
        }

        escaped.Should().BeEmpty();
    }

    // A harness whose valid seed is rejected would fuzz only the first check it fails: the fixed keys, clock,
    // transcript and IACA of FuzzFixture must match the seeds for the engine to reach signatures, digests and claims.
    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_valid_seed_passes_every_check_of_its_harness(string name)
    {
        var target = FuzzTargets.Find(name)!;
        var valid = Inputs(name).Where(f => Path.GetFileName(f).StartsWith("valid-", StringComparison.Ordinal)).ToList();

        valid.Should().NotBeEmpty();
        valid.Where(f => !target.Run(File.ReadAllBytes(f))).Select(Path.GetFileName).Should().BeEmpty();
    }

    [Theory]
    [InlineData("sd-jwt", "issued-no-kb.txt")]
    [InlineData("jws", "other-key-kb-jwt.txt")]
    [InlineData("jws", "other-key-status-list.jwt")]
    public void A_seed_made_invalid_on_purpose_is_rejected(string name, string file)
    {
        FuzzTargets.Find(name)!.Run(File.ReadAllBytes(Path.Combine(CorpusRoot, name, file))).Should().BeFalse();
    }

    [Fact]
    public void A_single_flipped_byte_in_each_valid_seed_is_never_accepted_by_a_signed_artifact_harness()
    {
        // The engine's first mutation, done here deterministically: one bit flipped in the middle of the seed.
        string[] signed = ["sd-jwt", "jws", "jwe", "mdoc-device-response", "mdoc-issuer-signed", "status-list-jwt", "status-list-cwt"];
        var accepted = new List<string>();
        foreach (var name in signed)
        {
            foreach (var file in Inputs(name).Where(f => Path.GetFileName(f).StartsWith("valid-", StringComparison.Ordinal)))
            {
                var bytes = File.ReadAllBytes(file);
                bytes[bytes.Length / 2] ^= 0x01;
                if (FuzzTargets.Find(name)!.Run(bytes))
                {
                    accepted.Add($"{name}/{Path.GetFileName(file)}");
                }
            }
        }

        accepted.Should().BeEmpty();
    }

    private static List<string> Inputs(string name)
    {
        var folder = Path.Combine(CorpusRoot, name);
        return Directory.Exists(folder) ? [.. Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal)] : [];
    }
}
