using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Wallet.Hosting.Statistics;

/// <summary>The report as JSON and as CSV: suppressed cells are null (JSON) or empty with <c>suppressed=true</c> (CSV).</summary>
internal static class StatisticsExport
{
    public static byte[] Json(StatisticsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            json.WriteStartObject();
            json.WriteString("from", report.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteString("to", report.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteString("timeZone", "UTC");
            json.WriteNumber("suppressionThreshold", report.Threshold);
            json.WriteBoolean("publicSubset", report.IsPublicSubset);
            json.WriteStartObject("totals");
            for (var e = 0; e < report.Events.Count; e++)
            {
                WriteCount(json, report.Events[e], report.EventTotals[e]);
            }

            json.WriteEndObject();
            json.WriteStartArray("tables");
            foreach (var table in report.Tables)
            {
                json.WriteStartObject();
                json.WriteString("id", table.Id);
                json.WriteString("rows", Name(table.Rows));
                json.WriteString("columns", Name(table.Columns));
                json.WriteStartArray("columnLabels");
                foreach (var label in table.ColumnLabels)
                {
                    json.WriteStringValue(label);
                }

                json.WriteEndArray();
                json.WriteStartArray("data");
                for (var r = 0; r < table.RowLabels.Count; r++)
                {
                    json.WriteStartObject();
                    json.WriteString("row", table.RowLabels[r]);
                    for (var c = 0; c < table.ColumnLabels.Count; c++)
                    {
                        WriteCount(json, table.ColumnLabels[c], table.Cells[r][c]);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartObject("columnTotals");
                for (var c = 0; c < table.ColumnLabels.Count; c++)
                {
                    WriteCount(json, table.ColumnLabels[c], table.ColumnTotals[c]);
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>One line per cell and per column total (<c>row</c> = <c>total</c>), RFC 4180 quoting.</summary>
    public static string Csv(StatisticsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder("table,row,column,count,suppressed\r\n");
        void Line(string table, string row, string column, StatisticsCell cell) =>
            csv.Append(Field(table)).Append(',').Append(Field(row)).Append(',').Append(Field(column)).Append(',')
                .Append(cell.Published?.ToString(CultureInfo.InvariantCulture) ?? string.Empty).Append(',')
                .Append(cell.Suppressed ? "true" : "false").Append("\r\n");

        for (var e = 0; e < report.Events.Count; e++)
        {
            Line("totals", "total", report.Events[e], report.EventTotals[e]);
        }

        foreach (var table in report.Tables)
        {
            for (var r = 0; r < table.RowLabels.Count; r++)
            {
                for (var c = 0; c < table.ColumnLabels.Count; c++)
                {
                    Line(table.Id, table.RowLabels[r], table.ColumnLabels[c], table.Cells[r][c]);
                }
            }

            for (var c = 0; c < table.ColumnLabels.Count; c++)
            {
                Line(table.Id, "total", table.ColumnLabels[c], table.ColumnTotals[c]);
            }
        }

        return csv.ToString();
    }

    private static void WriteCount(Utf8JsonWriter json, string name, StatisticsCell cell)
    {
        if (cell.Published is { } value)
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string Name(StatisticsDimension dimension) => JsonNamingPolicy.SnakeCaseLower.ConvertName(dimension.ToString());

    // Labels come from configuration and code, but a relying-party id may hold a comma or a quote; a leading = + - @ is
    // defused so a spreadsheet does not run it as a formula.
    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' && value != "-")
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
