using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wallet.Hosting.Statistics;
using Wallet.Issuer.Options;
using Wallet.Verifier.Options;

namespace Wallet.Hosting.Tests.Statistics;

/// <summary>Issue 16: both services count the scripted workload exactly, suppress, export and show it, and keep no personal data.</summary>
public sealed class StatisticsWorkloadTests(StatisticsWorkloadFixture fixture) : IClassFixture<StatisticsWorkloadFixture>
{
    private const string Sd = "dc+sd-jwt";
    private readonly AgencyHost _host = fixture.Host;

    [Fact]
    public void Every_event_of_the_scripted_workload_is_counted_once_in_its_bucket()
    {
        var band = AgeBands.FromBirthDate(1985, 12, 10, DateOnly.FromDateTime(DateTime.UtcNow));

        var issuer = Counters("issuer/issuer.db");
        var verifier = Counters("verifier/verifier.db");

        issuer.Should().BeEquivalentTo(new Dictionary<string, long>
        {
            [$"offer_created|{StatisticsWorkloadFixture.SdJwtConfiguration}|{Sd}||||"] = 2,
            [$"credential_issued|{StatisticsWorkloadFixture.SdJwtConfiguration}|{Sd}||high|{band}|"] = 3,
            ["issuance_failed||||||invalid_token"] = 2,
        });
        verifier.Should().BeEquivalentTo(new Dictionary<string, long>
        {
            [$"presentation_requested|urn:eudi:pid:1|{Sd}|agency-rp|||"] = 3,
            [$"presentation_verified|urn:eudi:pid:1|{Sd}|agency-rp|high|not_disclosed|"] = 1,
            [$"presentation_verified|urn:eudi:pid:1|{Sd}|agency-rp|high|{band}|"] = 1,
            [$"presentation_rejected|urn:eudi:pid:1|{Sd}|agency-rp|||verifier.wallet_error"] = 1,
        });
    }

    [Fact]
    public async Task The_export_suppresses_small_numbers_and_their_complement()
    {
        WithThreshold(2);
        try
        {
            var issuer = await _host.GetApiAsync("/pid/api/statistics", AgencyHost.StatisticsApiKey);
            var verifier = await _host.GetApiAsync("/api/statistics", AgencyHost.StatisticsApiKey);

            issuer["suppressionThreshold"]!.GetValue<int>().Should().Be(2);
            issuer["totals"]!["credential_issued"]!.GetValue<long>().Should().Be(3);
            Table(issuer, "by_error_code")["data"]!.AsArray().Single()!["issuance_failed"]!.GetValue<long>().Should().Be(2);

            // One rejection: below the threshold, and then every cell that adds up to it.
            verifier["totals"]!["presentation_rejected"].Should().BeNull();
            verifier["totals"]!["presentation_requested"]!.GetValue<long>().Should().Be(3);
            Table(verifier, "by_error_code")["data"]!.AsArray().Single()!["presentation_rejected"].Should().BeNull();

            // Two verified, one per age band: each 1 is suppressed, together they reach the threshold, the total is shown.
            verifier["totals"]!["presentation_verified"]!.GetValue<long>().Should().Be(2);
            var bands = Table(verifier, "by_age_band")["data"]!.AsArray().Where(r => r!["presentation_verified"] is null).Select(r => r!["row"]!.GetValue<string>());
            bands.Should().Contain("not_disclosed");
        }
        finally
        {
            WithThreshold(5);
        }
    }

    [Fact]
    public async Task With_the_default_threshold_the_small_workload_publishes_no_figure_above_zero()
    {
        var verifier = await _host.GetApiAsync("/api/statistics", AgencyHost.StatisticsApiKey);

        verifier["suppressionThreshold"]!.GetValue<int>().Should().Be(5);
        var figures = verifier["tables"]!.AsArray().SelectMany(t => t!["data"]!.AsArray()).SelectMany(r => r!.AsObject().Where(p => p.Key != "row").Select(p => p.Value));
        figures.Should().OnlyContain(v => v == null || v.GetValue<long>() == 0);
    }

    [Theory]
    [InlineData("/pid/api/statistics", null)]
    [InlineData("/pid/api/statistics", AgencyHost.IssuerApiKey)]
    [InlineData("/api/statistics.csv", AgencyHost.VerifierApiKey)]
    [InlineData("/statistics", null)]
    [InlineData("/pid/statistics", AgencyHost.IssuerApiKey)]
    public async Task Statistics_need_a_statistics_key_not_an_agency_or_relying_party_key(string path, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Add("X-API-Key", key);
        }

        using var response = await _host.Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Contain("X-API-Key");
    }

    [Theory]
    [InlineData("from=2026-13-01")]
    [InlineData("from=2026-12-03&to=2026-12-01")]
    [InlineData("from=2020-01-01&to=2026-12-01")]
    public async Task A_bad_period_is_a_problem_with_its_code(string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/statistics?" + query);
        request.Headers.Add("X-API-Key", AgencyHost.StatisticsApiKey);

        using var response = await _host.Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().Contain(StatisticsEndpoints.InvalidPeriod);
    }

    [Fact]
    public async Task The_csv_export_lists_every_cell_with_its_suppression()
    {
        var csv = await GetTextAsync("/pid/api/statistics.csv", AgencyHost.StatisticsApiKey);

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("table,row,column,count,suppressed");
        lines.Should().Contain("totals,total,credential_issued,,true", "3 issued credentials are below the default threshold of 5");
        lines.Should().Contain(l => l.StartsWith("by_hour_of_day,00,offer_created,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_public_subset_is_off_by_default_and_when_on_has_no_relying_parties_or_error_codes()
    {
        using (var off = await _host.Http.GetAsync("/statistics/public.json"))
        {
            off.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        var options = _host.Services.GetRequiredService<IOptions<VerifierOptions>>().Value.Statistics;
        options.Public = true;
        try
        {
            var report = JsonNode.Parse(await GetTextAsync("/statistics/public.json", key: null))!;
            var page = await GetTextAsync("/statistics?lang=en", key: null);

            report["publicSubset"]!.GetValue<bool>().Should().BeTrue();
            report["tables"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()).Should().BeEquivalentTo(StatisticsReport.PublicTables);
            page.Should().Contain("Public subset").And.NotContain("agency-rp").And.NotContain("verifier.wallet_error");
        }
        finally
        {
            options.Public = false;
        }
    }

    [Fact]
    public async Task The_page_shows_charts_in_bokmal_and_english()
    {
        var nb = await GetTextAsync("/pid/statistics?lang=nb", AgencyHost.StatisticsApiKey);
        var en = await GetTextAsync("/pid/statistics?lang=en", AgencyHost.StatisticsApiKey);

        nb.Should().Contain("<html lang=\"nb\"").And.Contain("Bruksstatistikk").And.Contain("Per aldersgruppe").And.Contain("<svg");
        en.Should().Contain("<html lang=\"en\"").And.Contain("Usage statistics").And.Contain("By age band");
        en.Split("role=\"img\"").Length.Should().BeGreaterThan(8, "one chart per table");

        // The shared switch: one link per language, the period kept, the current language marked.
        nb.Should().Contain("<nav class=\"language-switch\" aria-label=\"Språk\">").And.Contain("?lang=en\" lang=\"en\"").And.Contain("lang=\"nb\" hreflang=\"nb\" aria-current=\"true\"");
    }

    [Theory]
    [InlineData(null, null, "en")]
    [InlineData(null, "nb-NO,nb;q=0.9,en;q=0.5", "nb")]
    [InlineData("lang=nb", null, "nb")]
    [InlineData(null, "en-GB, nb;q=0.8", "en")]
    public async Task The_page_language_is_negotiated_like_every_other_page_with_English_by_default(string? cookie, string? acceptLanguage, string expected)
    {
        foreach (var path in new[] { "/pid/statistics", "/statistics" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("X-API-Key", AgencyHost.StatisticsApiKey);
            if (cookie is not null)
            {
                request.Headers.Add("Cookie", cookie);
            }

            if (acceptLanguage is not null)
            {
                request.Headers.Add("Accept-Language", acceptLanguage);
            }

            using var response = await _host.Http.SendAsync(request);
            var html = await response.Content.ReadAsStringAsync();
            response.StatusCode.Should().Be(HttpStatusCode.OK, html);
            html.Should().Contain($"<html lang=\"{expected}\"", path);
            response.Content.Headers.ContentLanguage.Should().Equal([expected], path);
        }
    }

    [Fact]
    public async Task Both_exports_are_in_the_openapi_documents()
    {
        var agency = await GetTextAsync("/pid/api/openapi/agency.json", key: null);
        var verifier = await GetTextAsync("/openapi/v1.json", key: null);

        JsonNode.Parse(agency)!["paths"]!.AsObject().Select(p => p.Key).Should().Contain(["/pid/api/statistics", "/pid/api/statistics.csv"]);
        JsonNode.Parse(verifier)!["paths"]!.AsObject().Select(p => p.Key).Should().Contain(["/api/statistics", "/api/statistics.csv"]).And.NotContain("/statistics");
    }

    [Fact]
    public async Task No_statistics_table_or_output_holds_a_claim_value_of_the_persons_used()
    {
        WithThreshold(2);
        try
        {
            var outputs = new List<string>();
            foreach (var (database, api, page) in new[] { ("issuer/issuer.db", "/pid/api/statistics", "/pid/statistics"), ("verifier/verifier.db", "/api/statistics", "/statistics") })
            {
                outputs.AddRange(Rows(database));
                outputs.Add(await GetTextAsync(api, AgencyHost.StatisticsApiKey));
                outputs.Add(await GetTextAsync(api + ".csv", AgencyHost.StatisticsApiKey));
                outputs.Add(await GetTextAsync(page, AgencyHost.StatisticsApiKey));
                outputs.Add(await GetTextAsync(page + "?lang=en", AgencyHost.StatisticsApiKey));
            }

            fixture.PersonalValues.Should().HaveCountGreaterThan(5);
            outputs.Should().NotBeEmpty();
            foreach (var value in fixture.PersonalValues)
            {
                outputs.Should().NotContain(o => o.Contains(value, StringComparison.OrdinalIgnoreCase), $"'{value}' is the person's");
            }
        }
        finally
        {
            WithThreshold(5);
        }
    }

    private void WithThreshold(int threshold)
    {
        _host.Services.GetRequiredService<IOptions<IssuerOptions>>().Value.Statistics.SuppressionThreshold = threshold;
        _host.Services.GetRequiredService<IOptions<VerifierOptions>>().Value.Statistics.SuppressionThreshold = threshold;
    }

    private static JsonNode Table(JsonNode report, string id) => report["tables"]!.AsArray().Single(t => t!["id"]!.GetValue<string>() == id)!;

    private async Task<string> GetTextAsync(string path, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Add("X-API-Key", key);
        }

        using var response = await _host.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(text);
        return text;
    }

    // Every column of every row of the statistics table, read from the database file as an operator would.
    private List<string> Rows(string database)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_host.Folder, database)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM UsageCounters";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => $"{reader.GetName(i)}={reader.GetValue(i)}")));
        }

        return rows;
    }

    // Counts summed over hours by bucket: event|type|format|relying party|level|age band|error code.
    private Dictionary<string, long> Counters(string database)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_host.Folder, database)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Event, CredentialType, Format, RelyingParty, LevelOfAssurance, AgeBand, ErrorCode, SUM(Count) FROM UsageCounters GROUP BY 1, 2, 3, 4, 5, 6, 7";
        using var reader = command.ExecuteReader();
        var counts = new Dictionary<string, long>();
        while (reader.Read())
        {
            counts[string.Join('|', Enumerable.Range(0, 7).Select(reader.GetString))] = reader.GetInt64(7);
        }

        return counts;
    }
}
