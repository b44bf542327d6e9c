namespace Wallet.Hosting.Statistics;

/// <summary>
/// Primary and complementary suppression of small numbers (<c>specs/statistics.md</c>, "Small-number suppression"):
/// cells below the threshold are suppressed, then every line that has a suppressed member gets at least two suppressed
/// members that together reach the threshold, so no suppressed cell follows from a line's total by subtraction.
/// </summary>
internal static class SmallNumberSuppression
{
    /// <summary>Suppresses, in place, the cells of <paramref name="cells"/> (members and totals of <paramref name="lines"/>).</summary>
    public static void Apply(IEnumerable<StatisticsCell> cells, IReadOnlyList<SuppressionLine> lines, int threshold)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 2);

        // 1. Primary: somebody, but fewer than the threshold. Zero is shown: it says nobody.
        foreach (var cell in cells)
        {
            if (cell.Value > 0 && cell.Value < threshold)
            {
                cell.Suppressed = true;
            }
        }

        // 2./3. Complementary, over all lines until nothing changes (suppressing in a row can break a column).
        bool changed;
        do
        {
            changed = false;
            foreach (var line in lines)
            {
                changed |= Protect(line, threshold);
            }
        }
        while (changed);
    }

    private static bool Protect(SuppressionLine line, int threshold)
    {
        var changed = false;
        if (line.Total.Suppressed)
        {
            // 4. A suppressed total must not be the sum of published members: its non-zero members go too.
            foreach (var member in line.Members.Where(m => m.Value > 0 && !m.Suppressed))
            {
                member.Suppressed = true;
                changed = true;
            }

            return changed;
        }

        var suppressed = line.Members.Where(m => m.Suppressed).ToList();
        if (suppressed.Count == 0)
        {
            return false;
        }

        while (suppressed.Count < 2 || suppressed.Sum(m => m.Value) < threshold)
        {
            // The smallest published non-zero member hides the fewest events for the protection it gives.
            var next = line.Members.Where(m => m.Value > 0 && !m.Suppressed).MinBy(m => m.Value);
            if (next is null)
            {
                // Nothing left to hide behind: the total would give the suppressed members away.
                line.Total.Suppressed = true;
                return true;
            }

            next.Suppressed = true;
            suppressed.Add(next);
            changed = true;
        }

        return changed;
    }
}
