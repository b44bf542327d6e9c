using System.Text;

namespace Wallet.Core.Tests.Mutation;

/// <summary>The outcome of feeding one surface's changes: counts per family, first codes, argued acceptances and failures.</summary>
internal sealed record MutationReport(
    string Surface,
    int Fed,
    IReadOnlyDictionary<string, int> Families,
    IReadOnlyDictionary<string, int> FirstCodes,
    IReadOnlyDictionary<string, int> ByDesign,
    IReadOnlyList<(Mutation Mutation, string Problem)> Failures,
    TimeSpan Elapsed)
{
    public int Accepted => Failures.Count(f => f.Problem.StartsWith("accepted", StringComparison.Ordinal));

    public int Exceptions => Failures.Count(f => f.Problem.StartsWith("threw", StringComparison.Ordinal));

    public int WithoutCode => Failures.Count(f => f.Problem.StartsWith("rejected without", StringComparison.Ordinal));

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"{Surface}: {Fed} fed ({string.Join(", ", Families.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key} {f.Value}"))}) in {Elapsed.TotalSeconds:F1} s; " +
            $"accepted {Accepted}, exceptions {Exceptions}, without code {WithoutCode}, accepted by design {ByDesign.Values.Sum()}");
        foreach (var (reason, count) in ByDesign)
        {
            text.AppendLine($"  by design {count} × {reason}");
        }

        foreach (var group in Failures.GroupBy(f => $"{f.Mutation.Family}: {Shape(f.Problem)}").OrderByDescending(g => g.Count()))
        {
            text.AppendLine($"  FAILED {group.Count()} × {group.Key}; e.g. {group.First().Mutation}: {group.First().Problem}");
        }

        foreach (var (code, count) in FirstCodes.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal))
        {
            text.AppendLine($"  {count,7} × {code}");
        }

        return text.ToString();
    }

    /// <summary>A failure without its particulars, so that failures of one cause group together.</summary>
    private static string Shape(string problem) =>
        System.Text.RegularExpressions.Regex.Replace(problem.Split(" (original", StringSplitOptions.None)[0], @"'[^']*'|[0-9]+", "…");
}
