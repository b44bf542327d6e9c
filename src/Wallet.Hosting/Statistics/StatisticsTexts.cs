using Wallet.Hosting.Pages;

namespace Wallet.Hosting.Statistics;

/// <summary>
/// The statistics page's texts in one <see cref="PageLanguage"/>. A table by key rather than a record of properties,
/// because most labels are data: the event types, table ids and dimension values of a report name their own texts.
/// </summary>
internal sealed class StatisticsTexts
{
    private readonly IReadOnlyDictionary<string, string> _texts;

    private StatisticsTexts(IReadOnlyDictionary<string, string> texts) => _texts = texts;

    /// <summary>The page in both languages; the language of a request is the shared negotiation's (<see cref="PageLocalization"/>).</summary>
    public static PageText<StatisticsTexts> Text { get; } = new(Norwegian, English);

    private static StatisticsTexts Norwegian => new(new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["title"] = "Bruksstatistikk",
        ["public"] = "Offentlig utvalg",
        ["intro"] = "Tallene telles når hendelsen skjer, per time (UTC), uten personopplysninger: ingen person, ingen verdier fra beviset, ingen nøkler og ingen tidspunkt finere enn timen.",
        ["suppression"] = "Celler med færre enn {0} hendelser vises som «<{0}», og så mange andre celler skjules at de ikke kan regnes ut fra summene.",
        ["period"] = "Periode",
        ["from"] = "Fra (dato)",
        ["to"] = "Til (dato)",
        ["show"] = "Vis",
        ["totals"] = "Totalt i perioden",
        ["table"] = "Tabell",
        ["suppressed"] = "skjult (færre enn {0} eller komplement)",
        ["export"] = "Eksport",
        ["by_month"] = "Per måned",
        ["by_day"] = "Per dag",
        ["by_hour_of_day"] = "Time på døgnet (UTC)",
        ["by_credential_type"] = "Per bevistype og format",
        ["by_relying_party"] = "Per virksomhet (relying party)",
        ["by_level_of_assurance"] = "Per tillitsnivå",
        ["by_age_band"] = "Per aldersgruppe",
        ["by_error_code"] = "Vanligste feilkoder",
        ["cross.issuer"] = "Utstedte bevis per bevistype og aldersgruppe",
        ["cross.verifier"] = "Verifiserte presentasjoner per virksomhet og bevistype",
        ["offer_created"] = "Tilbud opprettet",
        ["credential_issued"] = "Bevis utstedt",
        ["issuance_failed"] = "Utstedelse feilet",
        ["presentation_requested"] = "Forespørsler",
        ["presentation_verified"] = "Verifisert",
        ["presentation_rejected"] = "Avvist",
        ["not_disclosed"] = "ikke oppgitt",
        ["unknown"] = "ukjent",
        ["chart"] = "Søylediagram: {0}. Samme tall står i tabellen under.",
        ["row"] = "Rad",
        ["count"] = "Antall",
    });

    private static StatisticsTexts English => new(new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["title"] = "Usage statistics",
        ["public"] = "Public subset",
        ["intro"] = "Events are counted when they happen, per hour (UTC), without personal data: no person, no value from a credential, no key and no time finer than the hour.",
        ["suppression"] = "Cells with fewer than {0} events show as “<{0}”, and enough other cells are hidden that they cannot be worked out from the totals.",
        ["period"] = "Period",
        ["from"] = "From (date)",
        ["to"] = "To (date)",
        ["show"] = "Show",
        ["totals"] = "Totals of the period",
        ["table"] = "Table",
        ["suppressed"] = "hidden (fewer than {0} or complement)",
        ["export"] = "Export",
        ["by_month"] = "By month",
        ["by_day"] = "By day",
        ["by_hour_of_day"] = "Hour of day (UTC)",
        ["by_credential_type"] = "By credential type and format",
        ["by_relying_party"] = "By relying party",
        ["by_level_of_assurance"] = "By level of assurance",
        ["by_age_band"] = "By age band",
        ["by_error_code"] = "Top error codes",
        ["cross.issuer"] = "Credentials issued by credential type and age band",
        ["cross.verifier"] = "Verified presentations by relying party and credential type",
        ["offer_created"] = "Offers created",
        ["credential_issued"] = "Credentials issued",
        ["issuance_failed"] = "Issuance failed",
        ["presentation_requested"] = "Presentations requested",
        ["presentation_verified"] = "Verified",
        ["presentation_rejected"] = "Rejected",
        ["not_disclosed"] = "not disclosed",
        ["unknown"] = "unknown",
        ["chart"] = "Bar chart: {0}. The same figures are in the table below.",
        ["row"] = "Row",
        ["count"] = "Count",
    });

    /// <summary>The text of <paramref name="key"/>; a label without a text (a configuration id, an error code) is itself.</summary>
    public string this[string key] => _texts.TryGetValue(key, out var text) ? text : key;
}
