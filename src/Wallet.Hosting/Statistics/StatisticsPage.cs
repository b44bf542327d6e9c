using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Wallet.Hosting.Statistics;

/// <summary>
/// The statistics page: a period form, the totals, and per table an SVG chart with the same figures as an HTML table
/// (the text alternative, WCAG 2.1 SC 1.1.1). No script and no style sheet, so both services' strict policies hold.
/// </summary>
internal static class StatisticsPage
{
    public static string Render(StatisticsReport report, StatisticsTexts t, string languageCode, string languageSwitchHtml, string serviceName, string crossTitleKey)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(t);
        var enc = HtmlEncoder.Default;
        string E(string text) => enc.Encode(text);
        string Label(string key) => t[key];
        var from = report.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = report.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var title = $"{t["title"]} – {serviceName}" + (report.IsPublicSubset ? $" ({t["public"]})" : string.Empty);
        var threshold = report.Threshold.ToString(CultureInfo.InvariantCulture);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"{languageCode}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{E(title)}</title></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<header>{languageSwitchHtml}</header>");
        html.Append(CultureInfo.InvariantCulture, $"<main><h1>{E(title)}</h1><p>{E(t["intro"])}</p><p>{E(string.Format(CultureInfo.InvariantCulture, t["suppression"], threshold))}</p>");
        html.Append(CultureInfo.InvariantCulture, $"<form method=\"get\"><fieldset><legend>{E(t["period"])}</legend>");
        html.Append(CultureInfo.InvariantCulture, $"<label for=\"from\">{E(t["from"])}</label> <input type=\"date\" id=\"from\" name=\"from\" value=\"{from}\" required> ");
        html.Append(CultureInfo.InvariantCulture, $"<label for=\"to\">{E(t["to"])}</label> <input type=\"date\" id=\"to\" name=\"to\" value=\"{to}\" required> ");
        html.Append(CultureInfo.InvariantCulture, $"<button type=\"submit\">{E(t["show"])}</button></fieldset></form>");

        html.Append(CultureInfo.InvariantCulture, $"<h2>{E(t["totals"])} ({from} – {to})</h2><dl id=\"totals\">");
        for (var e = 0; e < report.Events.Count; e++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<dt>{E(t[report.Events[e]])}</dt><dd>{E(Figure(report.EventTotals[e], threshold))}</dd>");
        }

        html.Append("</dl>");
        foreach (var table in report.Tables)
        {
            var heading = table.Id == "cross" ? t[crossTitleKey] : t[table.Id];
            var id = "chart-" + table.Id.Replace('_', '-');
            html.Append(CultureInfo.InvariantCulture, $"<section aria-labelledby=\"{id}-h\"><h2 id=\"{id}-h\">{E(heading)}</h2><figure>");
            html.Append(SvgBarChart.Render(table, id, heading, string.Format(CultureInfo.InvariantCulture, t["chart"], heading), Label, table.Id == "by_error_code" ? 10 : int.MaxValue));
            html.Append("<figcaption><ul>");
            for (var c = 0; c < table.ColumnLabels.Count; c++)
            {
                var color = SvgBarChart.Palette[c % SvgBarChart.Palette.Length];
                html.Append(CultureInfo.InvariantCulture, $"<li><svg width=\"12\" height=\"12\" aria-hidden=\"true\"><rect width=\"12\" height=\"12\" fill=\"{color}\"/></svg> {E(Label(table.ColumnLabels[c]))}</li>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<li><svg width=\"12\" height=\"12\" aria-hidden=\"true\"><circle cx=\"6\" cy=\"6\" r=\"4\" fill=\"none\" stroke=\"#555555\"/></svg> {E(string.Format(CultureInfo.InvariantCulture, t["suppressed"], threshold))}</li></ul></figcaption></figure>");
            html.Append(CultureInfo.InvariantCulture, $"<details><summary>{E(t["table"])}: {E(heading)}</summary><table><caption>{E(heading)}</caption><thead><tr><th scope=\"col\">{E(t["row"])}</th>");
            foreach (var column in table.ColumnLabels)
            {
                html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{E(Label(column))}</th>");
            }

            html.Append("</tr></thead><tbody>");
            for (var r = 0; r < table.RowLabels.Count; r++)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(Label(table.RowLabels[r]))}</th>");
                foreach (var cell in table.Cells[r])
                {
                    html.Append(CultureInfo.InvariantCulture, $"<td>{E(Figure(cell, threshold))}</td>");
                }

                html.Append("</tr>");
            }

            html.Append("</tbody></table></details></section>");
        }

        html.Append(CultureInfo.InvariantCulture, $"</main><footer><p>{E(serviceName)} · UTC</p></footer></body></html>");
        return html.ToString();
    }

    private static string Figure(StatisticsCell cell, string threshold) => cell.Published?.ToString(CultureInfo.InvariantCulture) ?? "<" + threshold;
}
