using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Wallet.Hosting.Statistics;

/// <summary>
/// A grouped bar chart of a statistics table as inline SVG, drawn on the server: one group per row, one bar per column.
/// Presentation attributes only (no style attributes), so a strict Content-Security-Policy holds. Suppressed cells are
/// drawn as a hollow marker on the axis, never as a bar of a guessed height.
/// </summary>
internal static class SvgBarChart
{
    // Each at least 3:1 against white (WCAG 2.1 SC 1.4.11); the table under every chart carries the same figures.
    public static readonly string[] Palette = ["#1f4e79", "#b35c00", "#6b2c91", "#2e7d32", "#a4133c", "#455a64", "#00695c", "#7a5c00"];

    private const int Height = 220;
    private const int Top = 10;
    private const int Left = 48;
    private const int Bottom = 56;

    public static string Render(StatisticsTable table, string id, string title, string description, Func<string, string> label, int maxRows = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(label);
        var rows = Math.Min(table.RowLabels.Count, maxRows);
        var columns = table.ColumnLabels.Count;
        var bar = rows * columns > 200 ? 3 : rows * columns > 60 ? 6 : 14;
        var gap = Math.Max(4, bar);
        var group = (columns * bar) + gap;
        var width = Math.Max(320, Left + (rows * group) + 10);
        var max = Math.Max(1, table.Cells.Take(rows).SelectMany(r => r).Select(c => c.Published ?? 0).DefaultIfEmpty(0).Max());
        var plot = Height - Top - Bottom;
        var every = Math.Max(1, (int)Math.Ceiling(rows / (double)Math.Max(1, (width - Left) / 40)));
        var svg = new StringBuilder();
        var enc = HtmlEncoder.Default;
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"{width}\" height=\"{Height}\" viewBox=\"0 0 {width} {Height}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-t\">{enc.Encode(title)}</title><desc id=\"{id}-d\">{enc.Encode(description)}</desc>");

        // Axis with four gridlines labelled by value.
        for (var i = 0; i <= 4; i++)
        {
            var value = (long)Math.Round(max * i / 4.0);
            var y = Top + plot - (plot * i / 4.0);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{width - 5}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#d0d0d0\" stroke-width=\"1\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" font-size=\"11\" fill=\"#333333\">{value}</text>");
        }

        for (var r = 0; r < rows; r++)
        {
            var x0 = Left + (gap / 2) + (r * group);
            for (var c = 0; c < columns; c++)
            {
                var cell = table.Cells[r][c];
                var x = x0 + (c * bar);
                var name = $"{label(table.RowLabels[r])} – {label(table.ColumnLabels[c])}: ";
                if (cell.Published is { } value)
                {
                    var h = plot * value / (double)max;
                    svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" x=\"{x}\" y=\"{Top + plot - h:0.##}\" width=\"{Math.Max(1, bar - 1)}\" height=\"{h:0.##}\" fill=\"{Palette[c % Palette.Length]}\"><title>{enc.Encode(name + value.ToString(CultureInfo.InvariantCulture))}</title></rect>");
                }
                else
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"suppressed\" cx=\"{x + (bar / 2.0):0.#}\" cy=\"{Top + plot - 4}\" r=\"{Math.Max(1.5, bar / 3.0):0.#}\" fill=\"none\" stroke=\"#555555\" stroke-width=\"1\"><title>{enc.Encode(name + "—")}</title></circle>");
                }
            }

            if (r % every == 0)
            {
                var lx = x0 + (columns * bar / 2.0);
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{lx:0.#}\" y=\"{Top + plot + 14}\" text-anchor=\"end\" font-size=\"11\" fill=\"#333333\" transform=\"rotate(-35 {lx:0.#} {Top + plot + 14})\">{enc.Encode(Short(label(table.RowLabels[r])))}</text>");
            }
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{width - 5}\" y1=\"{Top + plot}\" y2=\"{Top + plot}\" stroke=\"#333333\" stroke-width=\"1\"/>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Short(string text) => text.Length <= 18 ? text : text[..17] + "…";
}
