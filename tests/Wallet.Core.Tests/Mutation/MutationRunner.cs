using System.Collections.Concurrent;
using System.Diagnostics;

namespace Wallet.Core.Tests.Mutation;

/// <summary>
/// Feeds the planned changes of one surface to its parser or verifier, in parallel, and sorts every outcome:
/// rejected with codes, accepted for an argued reason, accepted (a failure), rejected without a code (a failure),
/// or an exception (a failure).
/// </summary>
internal static class MutationRunner
{
    /// <summary>Fixed, so every run of the sample changes the same places in the same ways.</summary>
    public const int Seed = 20261202;

    /// <summary>Set to 1 to feed every planned change instead of the bounded sample.</summary>
    public const string FullRunVariable = "WALLET_MUTATION_FULL";

    /// <summary>Sets how many byte and how many base64url changes the sample draws per surface (CI: <see cref="CiSampleSize"/>).</summary>
    public const string SampleSizeVariable = "WALLET_MUTATION_SAMPLE";

    /// <summary>Sized so that the whole corpus stays well under 90 s on two cores.</summary>
    public const int CiSampleSize = 600;

    public static bool FullRun => Environment.GetEnvironmentVariable(FullRunVariable) == "1";

    public static int SampleSize =>
        int.TryParse(Environment.GetEnvironmentVariable(SampleSizeVariable), out var size) && size > 0 ? size : CiSampleSize;

    /// <summary>
    /// The whole plan for a full run; otherwise every invalid-UTF-8 change (few), and a seeded draw of
    /// <see cref="SampleSize"/> byte and as many base64url changes.
    /// </summary>
    public static IReadOnlyList<Mutation> Select(IReadOnlyList<Mutation> plan)
    {
        if (FullRun)
        {
            return plan;
        }

        var random = new Random(Seed);
        return plan.Where(m => m.Family is MutationFamilies.InvalidUtf8 or MutationFamilies.InvalidUtf8Sealed)
            .Concat(Draw(plan.Where(m => m.Family == MutationFamilies.Byte).ToArray(), SampleSize, random))
            .Concat(Draw(plan.Where(m => m.Family == MutationFamilies.Base64UrlCharacter).ToArray(), SampleSize, random))
            .ToArray();
    }

    public static MutationReport Run(MutationSurface surface, IReadOnlyList<Mutation> mutations)
    {
        var failures = new ConcurrentBag<(Mutation Mutation, string Problem)>();
        var byDesign = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var codes = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var families = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        Parallel.ForEach(mutations, mutation =>
        {
            families.AddOrUpdate(mutation.Family, 1, (_, n) => n + 1);
            var changed = MutationFamilies.Apply(surface, mutation);
            Verdict verdict;
            try
            {
                verdict = surface.Evaluate(changed);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failures.Add((mutation, $"threw {e.GetType().Name}: {e.Message} {OurFrame(e)}"));
                return;
            }

            if (verdict.Accepted)
            {
                if (verdict.Codes.Count > 0)
                {
                    failures.Add((mutation, $"accepted with codes [{string.Join(", ", verdict.Codes)}]"));
                }
                else if (surface.ByDesign(mutation, changed, verdict) is { } reason)
                {
                    byDesign.AddOrUpdate(reason, 1, (_, n) => n + 1);
                }
                else
                {
                    failures.Add((mutation, $"accepted (original around it: {Around(surface.Valid, mutation.Offset)})"));
                }

                return;
            }

            if (verdict.Codes.Count == 0 || verdict.Codes.Any(string.IsNullOrWhiteSpace))
            {
                failures.Add((mutation, "rejected without a code"));
                return;
            }

            codes.AddOrUpdate(verdict.Codes[0], 1, (_, n) => n + 1);
        });
        clock.Stop();
        return new MutationReport(surface.Name, mutations.Count, families, codes, byDesign, failures.OrderBy(f => f.Mutation.Family, StringComparer.Ordinal).ThenBy(f => f.Mutation.Offset).ToArray(), clock.Elapsed);
    }

    /// <summary>The innermost frame of our own code, which names the reader that let the exception through.</summary>
    private static string OurFrame(Exception e) =>
        e.StackTrace?.Split('\n').Select(f => f.Trim()).FirstOrDefault(f => f.StartsWith("at Wallet.", StringComparison.Ordinal)) ?? "(no frame of ours)";

    private static string Around(byte[] valid, int offset)
    {
        var start = Math.Clamp(offset - 12, 0, valid.Length);
        var end = Math.Clamp(offset + 12, start, valid.Length);
        return string.Concat(valid.AsSpan(start, end - start).ToArray().Select(b => b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:x2}"));
    }

    private static IEnumerable<Mutation> Draw(Mutation[] population, int count, Random random)
    {
        if (population.Length <= count)
        {
            return population;
        }

        var drawn = (Mutation[])population.Clone();
        random.Shuffle(drawn);
        return drawn.Take(count);
    }
}
