namespace Wallet.Hosting.Statistics;

/// <summary>
/// The statistics page's texts in Norwegian bokmål and English: one small table per language, kept together so it can
/// move into the shared localization as a whole.
/// </summary>
internal sealed class StatisticsTexts
{
    private readonly IReadOnlyDictionary<string, string> _texts;

    private StatisticsTexts(string language, IReadOnlyDictionary<string, string> texts)
    {
        Language = language;
        _texts = texts;
    }

    public static StatisticsTexts Norwegian { get; } = new("nb", new Dictionary<string, string>(StringComparer.Ordinal)
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
        ["language"] = "English",
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

    public static StatisticsTexts English { get; } = new("en", new Dictionary<string, string>(StringComparer.Ordinal)
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
        ["language"] = "Norsk bokmål",
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

    /// <summary>The BCP 47 tag of the language.</summary>
    public string Language { get; }

    /// <summary>The other language, for the switch.</summary>
    public StatisticsTexts Other => ReferenceEquals(this, Norwegian) ? English : Norwegian;

    /// <summary>The text of <paramref name="key"/>; a label without a text (a configuration id, an error code) is itself.</summary>
    public string this[string key] => _texts.TryGetValue(key, out var text) ? text : key;

    /// <summary>Bokmål unless the query asks for English, or nothing is asked and the browser prefers English.</summary>
    public static StatisticsTexts For(string? lang, string? acceptLanguage)
    {
        if (lang is not null)
        {
            return string.Equals(lang, "en", StringComparison.OrdinalIgnoreCase) ? English : Norwegian;
        }

        var first = acceptLanguage?.Split(',')[0].Trim();
        return first is not null && first.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : Norwegian;
    }
}
