using Wallet.Hosting.Statistics;

namespace Wallet.Hosting.Tests.Statistics;

/// <summary>
/// What an outsider can work out from published figures: every line's equation (members add up to the total), published
/// values known, suppressed ones unknown but at least 1 (zeros are shown). Bounds are tightened over all lines until
/// they stop moving; a suppressed cell whose bounds meet is recovered.
/// </summary>
internal static class SuppressionAttacker
{
    public static Dictionary<StatisticsCell, (long Low, long High)> Bounds(IReadOnlyList<SuppressionLine> lines)
    {
        var bounds = new Dictionary<StatisticsCell, (long Low, long High)>(ReferenceEqualityComparer.Instance);
        foreach (var cell in lines.SelectMany(l => l.Members.Append(l.Total)))
        {
            bounds[cell] = cell.Suppressed ? (1, long.MaxValue / 4) : (cell.Value, cell.Value);
        }

        bool changed;
        do
        {
            changed = false;
            foreach (var line in lines)
            {
                // total = Σ members: each unknown is bounded by the total's bounds minus the others' bounds.
                var low = line.Members.Sum(m => bounds[m].Low);
                var high = line.Members.Sum(m => Math.Min(bounds[m].High, long.MaxValue / 4 / (line.Members.Count + 1)));
                changed |= Narrow(bounds, line.Total, low, high);
                foreach (var member in line.Members)
                {
                    var othersLow = low - bounds[member].Low;
                    var othersHigh = high - Math.Min(bounds[member].High, long.MaxValue / 4 / (line.Members.Count + 1));
                    changed |= Narrow(bounds, member, bounds[line.Total].Low - othersHigh, bounds[line.Total].High - othersLow);
                }
            }
        }
        while (changed);
        return bounds;
    }

    private static bool Narrow(Dictionary<StatisticsCell, (long Low, long High)> bounds, StatisticsCell cell, long low, long high)
    {
        var (l, h) = bounds[cell];
        var nl = Math.Max(l, low);
        var nh = Math.Min(h, high);
        if (nl == l && nh == h)
        {
            return false;
        }

        bounds[cell] = (nl, nh);
        return true;
    }
}
