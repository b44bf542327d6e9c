using System.Globalization;

namespace Wallet.Hosting.Statistics;

/// <summary>
/// Builds the tables of a period from the counters and suppresses them all together: every table's columns add up to the
/// same event totals, days add up to their months, and the cross table's rows and columns to cells of the single tables,
/// so those figures are shared cells and one suppression pattern holds for every output, public or full.
/// </summary>
internal static class StatisticsReportBuilder
{
    private const string None = "-";

    public static StatisticsReport Build(IReadOnlyList<UsageCount> counts, DateOnly from, DateOnly to, StatisticsShape shape, int threshold, bool publicSubset)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(shape);
        var events = shape.Events;
        var inPeriod = counts.Where(c => events.Contains(c.Event.Event)).ToList();
        var totals = events.Select(e => new StatisticsCell(inPeriod.Where(c => c.Event.Event == e).Sum(c => c.Count))).ToArray();
        var cells = new List<StatisticsCell>(totals);
        var lines = new List<SuppressionLine>();
        var tables = new List<StatisticsTable>();

        StatisticsTable ByEvent(string id, StatisticsDimension dimension, IReadOnlyList<string>? fixedRows, IReadOnlyList<string> columnEvents)
        {
            var rows = fixedRows ?? Rows(inPeriod.Where(c => columnEvents.Contains(c.Event.Event)), dimension);
            var matrix = rows.Select(row => columnEvents.Select(e => new StatisticsCell(inPeriod.Where(c => c.Event.Event == e && Label(dimension, c) == row).Sum(c => c.Count))).ToArray()).ToArray();
            var columnTotals = columnEvents.Select(e => totals[IndexOf(events, e)]).ToArray();
            var table = new StatisticsTable(id, dimension, StatisticsDimension.Event, rows, columnEvents, matrix, columnTotals);
            Register(table);
            tables.Add(table);
            return table;
        }

        void Register(StatisticsTable table)
        {
            cells.AddRange(table.Cells.SelectMany(r => r));
            for (var c = 0; c < table.ColumnLabels.Count; c++)
            {
                lines.Add(new SuppressionLine([.. table.Cells.Select(r => r[c])], table.ColumnTotals[c]));
            }
        }

        var months = new List<string>();
        var days = new List<string>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            days.Add(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            var month = day.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            if (!months.Contains(month))
            {
                months.Add(month);
            }
        }

        var byMonth = ByEvent("by_month", StatisticsDimension.Month, months, events);
        var byDay = ByEvent("by_day", StatisticsDimension.Day, days, events);

        // Days are nested in months: each month's days add up to the month's cell.
        for (var m = 0; m < months.Count; m++)
        {
            var rows = Enumerable.Range(0, days.Count).Where(d => days[d].StartsWith(months[m] + "-", StringComparison.Ordinal)).ToArray();
            for (var e = 0; e < events.Count; e++)
            {
                lines.Add(new SuppressionLine([.. rows.Select(d => byDay.Cells[d][e])], byMonth.Cells[m][e]));
            }
        }

        ByEvent("by_hour_of_day", StatisticsDimension.HourOfDay, [.. Enumerable.Range(0, 24).Select(h => h.ToString("00", CultureInfo.InvariantCulture))], events);
        ByEvent("by_credential_type", StatisticsDimension.CredentialType, null, events);
        if (shape.HasRelyingParties)
        {
            ByEvent("by_relying_party", StatisticsDimension.RelyingParty, null, events);
        }

        ByEvent("by_level_of_assurance", StatisticsDimension.LevelOfAssurance, null, events);
        var presentBands = Rows(inPeriod, StatisticsDimension.AgeBand);
        ByEvent("by_age_band", StatisticsDimension.AgeBand, [.. AgeBands.All.Take(9).Concat(AgeBands.All.Skip(9).Where(presentBands.Contains)).Concat(presentBands.Where(b => !AgeBands.All.Contains(b)))], events);
        ByEvent("by_error_code", StatisticsDimension.ErrorCode, null, shape.FailureEvents);
        tables.Add(Cross(shape, inPeriod, tables, events, cells, lines));

        SmallNumberSuppression.Apply(cells, lines, threshold);
        return new StatisticsReport(from, to, threshold, publicSubset, events, totals, publicSubset ? [.. tables.Where(t => StatisticsReport.PublicTables.Contains(t.Id))] : tables);
    }

    // Rows of the shape's cross event by columns of a second dimension; its rows and columns add up to cells of the
    // single tables of those dimensions.
    private static StatisticsTable Cross(StatisticsShape shape, List<UsageCount> inPeriod, List<StatisticsTable> tables, IReadOnlyList<string> events, List<StatisticsCell> cells, List<SuppressionLine> lines)
    {
        var rowTable = tables.First(t => t.Rows == shape.CrossRows);
        var columnTable = tables.First(t => t.Rows == shape.CrossColumns);
        var e = IndexOf(events, shape.CrossEvent);
        var source = inPeriod.Where(c => c.Event.Event == shape.CrossEvent).ToList();
        var rows = rowTable.RowLabels.Where(r => source.Any(c => Label(shape.CrossRows, c) == r)).ToList();
        var columns = columnTable.RowLabels.Where(l => source.Any(c => Label(shape.CrossColumns, c) == l)).ToList();
        var matrix = rows.Select(r => columns.Select(l => new StatisticsCell(source.Where(c => Label(shape.CrossRows, c) == r && Label(shape.CrossColumns, c) == l).Sum(c => c.Count))).ToArray()).ToArray();
        var columnTotals = columns.Select(l => columnTable.Cells[IndexOf(columnTable.RowLabels, l)][e]).ToArray();
        cells.AddRange(matrix.SelectMany(r => r));
        for (var r = 0; r < rows.Count; r++)
        {
            lines.Add(new SuppressionLine(matrix[r], rowTable.Cells[IndexOf(rowTable.RowLabels, rows[r])][e]));
        }

        for (var c = 0; c < columns.Count; c++)
        {
            lines.Add(new SuppressionLine([.. matrix.Select(r => r[c])], columnTotals[c]));
        }

        return new StatisticsTable("cross", shape.CrossRows, shape.CrossColumns, rows, columns, matrix, columnTotals);
    }

    /// <summary>The row label of a counter in <paramref name="dimension"/>.</summary>
    public static string Label(StatisticsDimension dimension, UsageCount count)
    {
        ArgumentNullException.ThrowIfNull(count);
        var e = count.Event;
        return dimension switch
        {
            StatisticsDimension.Event => e.Event,
            StatisticsDimension.Month => count.Hour.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            StatisticsDimension.Day => count.Hour.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            StatisticsDimension.HourOfDay => count.Hour.UtcDateTime.ToString("HH", CultureInfo.InvariantCulture),
            StatisticsDimension.CredentialType => e.CredentialType.Length == 0 && e.Format.Length == 0 ? None
                : e.Format.Length == 0 ? e.CredentialType
                : e.CredentialType.Length == 0 ? e.Format
                : $"{e.CredentialType} ({e.Format})",
            StatisticsDimension.RelyingParty => OrNone(e.RelyingParty),
            StatisticsDimension.LevelOfAssurance => OrNone(e.LevelOfAssurance),
            StatisticsDimension.AgeBand => OrNone(e.AgeBand),
            StatisticsDimension.ErrorCode => OrNone(e.ErrorCode),
            _ => throw new ArgumentOutOfRangeException(nameof(dimension)),
        };
    }

    // Most events first; ties by name, so the order is stable.
    private static List<string> Rows(IEnumerable<UsageCount> counts, StatisticsDimension dimension) =>
        [.. counts.GroupBy(c => Label(dimension, c), StringComparer.Ordinal).OrderByDescending(g => g.Sum(c => c.Count)).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key)];

    private static string OrNone(string value) => value.Length == 0 ? None : value;

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"'{value}' is not in the list.");
    }
}
