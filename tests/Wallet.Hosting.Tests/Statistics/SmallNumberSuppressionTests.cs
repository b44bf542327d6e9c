using Wallet.Hosting.Statistics;

namespace Wallet.Hosting.Tests.Statistics;

/// <summary>specs/statistics.md, "Small-number suppression": primary and complementary suppression, and an attack on it.</summary>
public sealed class SmallNumberSuppressionTests
{
    private static (StatisticsCell[] Cells, SuppressionLine Line) OneLine(params long[] values)
    {
        var cells = values.Select(v => new StatisticsCell(v)).ToArray();
        return (cells, new SuppressionLine(cells, new StatisticsCell(values.Sum())));
    }

    [Fact]
    public void Cells_below_the_threshold_are_suppressed_and_zero_is_shown()
    {
        var (cells, line) = OneLine(0, 3, 40, 50, 60);

        SmallNumberSuppression.Apply(cells.Append(line.Total), [line], 5);

        cells[0].Published.Should().Be(0, "zero says nobody");
        cells[1].Suppressed.Should().BeTrue();
        cells[2].Suppressed.Should().BeTrue("the smallest other non-zero cell is its complement, else 3 = total − the rest");
        cells[3].Published.Should().Be(50);
        cells[4].Published.Should().Be(60);
        line.Total.Published.Should().Be(153);
    }

    [Fact]
    public void Two_suppressed_cells_that_together_stay_below_the_threshold_get_a_third()
    {
        // 1 + 1 = 2 < 5: the total minus the published cells would say "two people, one in each".
        var (cells, line) = OneLine(1, 1, 7, 20);

        SmallNumberSuppression.Apply(cells.Append(line.Total), [line], 5);

        cells.Count(c => c.Suppressed).Should().Be(3);
        cells.Where(c => c.Suppressed).Sum(c => c.Value).Should().BeGreaterThanOrEqualTo(5);
        cells[3].Published.Should().Be(20);
    }

    [Fact]
    public void A_line_that_cannot_hide_its_small_cell_suppresses_its_total()
    {
        var (cells, line) = OneLine(2, 0, 0);

        SmallNumberSuppression.Apply(cells.Append(line.Total), [line], 5);

        cells[0].Suppressed.Should().BeTrue();
        line.Total.Suppressed.Should().BeTrue();
    }

    [Fact]
    public void The_threshold_is_configurable()
    {
        var (cells, line) = OneLine(6, 9, 30);

        SmallNumberSuppression.Apply(cells.Append(line.Total), [line], 10);

        cells[0].Suppressed.Should().BeTrue();
        cells[1].Suppressed.Should().BeTrue();
        cells[2].Published.Should().Be(30);
    }

    [Fact]
    public void Without_the_complement_the_attacker_recovers_the_cell_so_the_attack_is_real()
    {
        var (cells, line) = OneLine(3, 40, 50);
        cells[0].Suppressed = true;   // primary only, as a naive implementation would publish

        var bounds = SuppressionAttacker.Bounds([line]);

        bounds[cells[0]].Should().Be((3L, 3L));
    }

    [Fact]
    public void No_suppressed_cell_of_a_cross_table_with_row_column_and_grand_totals_can_be_recovered()
    {
        // Relying parties × credential types, small numbers scattered; every row, column and the grand total published.
        long[,] values =
        {
            { 120, 3, 0, 45 },
            { 2, 80, 14, 1 },
            { 60, 0, 4, 33 },
            { 9, 11, 1, 70 },
        };
        var (cells, lines) = CrossTable(values);

        SmallNumberSuppression.Apply(cells, lines, 5);
        var bounds = SuppressionAttacker.Bounds(lines);

        var suppressed = cells.Where(c => c.Suppressed).ToList();
        suppressed.Should().Contain(c => c.Value == 3).And.Contain(c => c.Value == 2).And.Contain(c => c.Value == 1);
        foreach (var cell in suppressed)
        {
            var (low, high) = bounds[cell];
            (high - low).Should().BeGreaterThan(0, $"a suppressed cell of value {cell.Value} must not be pinned down by the published totals");
            low.Should().BeLessThanOrEqualTo(cell.Value);
            high.Should().BeGreaterThanOrEqualTo(cell.Value);
        }
    }

    [Fact]
    public void Days_nested_in_months_are_suppressed_with_their_month()
    {
        // Month 1 has one small day; its month and the other months are published, so its days need a complement.
        var days = new[] { new StatisticsCell(2), new StatisticsCell(30), new StatisticsCell(40) };
        var month = new StatisticsCell(72);
        var otherMonth = new StatisticsCell(100);
        var total = new StatisticsCell(172);
        SuppressionLine[] lines = [new(days, month), new([month, otherMonth], total), new([.. days, otherMonth], total)];

        SmallNumberSuppression.Apply([.. days, month, otherMonth, total], lines, 5);
        var bounds = SuppressionAttacker.Bounds(lines);

        days[0].Suppressed.Should().BeTrue();
        days.Count(d => d.Suppressed).Should().BeGreaterThanOrEqualTo(2);
        bounds[days[0]].Low.Should().BeLessThan(bounds[days[0]].High);
    }

    private static (List<StatisticsCell> Cells, List<SuppressionLine> Lines) CrossTable(long[,] values)
    {
        var rows = values.GetLength(0);
        var columns = values.GetLength(1);
        var matrix = new StatisticsCell[rows, columns];
        var cells = new List<StatisticsCell>();
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                cells.Add(matrix[r, c] = new StatisticsCell(values[r, c]));
            }
        }

        var rowTotals = Enumerable.Range(0, rows).Select(r => new StatisticsCell(Enumerable.Range(0, columns).Sum(c => values[r, c]))).ToArray();
        var columnTotals = Enumerable.Range(0, columns).Select(c => new StatisticsCell(Enumerable.Range(0, rows).Sum(r => values[r, c]))).ToArray();
        var grand = new StatisticsCell(rowTotals.Sum(t => t.Value));
        cells.AddRange(rowTotals);
        cells.AddRange(columnTotals);
        cells.Add(grand);
        var lines = new List<SuppressionLine>();
        for (var r = 0; r < rows; r++)
        {
            lines.Add(new([.. Enumerable.Range(0, columns).Select(c => matrix[r, c])], rowTotals[r]));
        }

        for (var c = 0; c < columns; c++)
        {
            lines.Add(new([.. Enumerable.Range(0, rows).Select(r => matrix[r, c])], columnTotals[c]));
        }

        lines.Add(new(rowTotals, grand));
        lines.Add(new(columnTotals, grand));
        return (cells, lines);
    }
}
