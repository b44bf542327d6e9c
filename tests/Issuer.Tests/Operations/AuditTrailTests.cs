using System.Net;
using System.Text.Json.Nodes;
using Wallet.Core.Jose;
using Wallet.Hosting;

namespace Wallet.Issuer.Tests.Operations;

/// <summary>
/// Issue 12 "Observe and limit", audit trail: who (API key name, or a hash of the subject) created which offer and issued,
/// revoked, suspended or unsuspended which credential, and when; queryable through the agency API; no claim values.
/// </summary>
public sealed class AuditTrailTests : IssuerTestBase
{
    private const string Person = "kari-nordmann";

    private async Task<JsonNode> AuditAsync(string query = "")
    {
        using var api = Factory.CreateApiClient();
        using var response = await api.GetAsync("/api/audit" + query);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }

    private async Task<(string OfferId, string CredentialId)> IssueAsync()
    {
        var wallet = await AuthorizedWalletAsync(Person, [SdJwtConfiguration]);
        (await TestWallet.CredentialsAsync(await wallet.RequestCredentialsAsync(SdJwtConfiguration, [SigningKey.Generate()]))).Should().ContainSingle();
        using var api = Factory.CreateApiClient();
        var listing = JsonNode.Parse(await api.GetStringAsync($"/api/persons/{Person}/credentials"))!.AsArray();
        var entries = (await AuditAsync("?action=offer_created"))["entries"]!.AsArray();
        return (entries[^1]!["offerId"]!.GetValue<string>(), listing[0]!["credentialId"]!.GetValue<string>());
    }

    private async Task<HttpStatusCode> SetAsync(string id, string action)
    {
        using var api = Factory.CreateApiClient();
        return (await api.PostAsync($"/api/credentials/{id}/{action}", null)).StatusCode;
    }

    [Fact]
    public async Task Every_offer_issuance_and_status_change_is_recorded_with_actor_and_time()
    {
        var createdAt = Clock.GetUtcNow();
        var (offerId, credentialId) = await IssueAsync();
        Clock.Advance(TimeSpan.FromMinutes(5));
        (await SetAsync(credentialId, "suspend")).Should().Be(HttpStatusCode.NoContent);
        (await SetAsync(credentialId, "unsuspend")).Should().Be(HttpStatusCode.NoContent);
        (await SetAsync(credentialId, "revoke")).Should().Be(HttpStatusCode.NoContent);

        var page = await AuditAsync();

        var entries = page["entries"]!.AsArray();
        entries.Select(e => e!["action"]!.GetValue<string>()).Should().Equal("offer_created", "credential_issued", "credential_suspended", "credential_unsuspended", "credential_revoked");
        entries[0]!["actor"]!.GetValue<string>().Should().Be("api-key:tests", "the configured key's name, never the key");
        entries[0]!["offerId"]!.GetValue<string>().Should().Be(offerId);
        entries[0]!["at"]!.GetValue<DateTimeOffset>().Should().Be(createdAt);
        entries[1]!["actor"]!.GetValue<string>().Should().Be("subject:" + SecretHash.Of(Person));
        entries[1]!["credentialId"]!.GetValue<string>().Should().Be(credentialId);
        entries[1]!["offerId"]!.GetValue<string>().Should().Be(offerId);
        entries[1]!["credentialConfigurationId"]!.GetValue<string>().Should().Be(SdJwtConfiguration);
        entries.Skip(2).Should().AllSatisfy(e =>
        {
            e!["actor"]!.GetValue<string>().Should().Be("api-key:tests");
            e["credentialId"]!.GetValue<string>().Should().Be(credentialId);
            e["at"]!.GetValue<DateTimeOffset>().Should().Be(createdAt.AddMinutes(5));
        });
        entries.Select(e => e!["sequence"]!.GetValue<long>()).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        page["next"].Should().BeNull();
    }

    [Fact]
    public async Task The_trail_holds_no_claim_value_and_not_the_person_identifier()
    {
        await IssueAsync();

        var text = (await AuditAsync()).ToJsonString();

        text.Should().NotContainEquivalentOf("Nordmann").And.NotContainEquivalentOf("Kari").And.NotContain(Person);
    }

    [Fact]
    public async Task A_refused_status_change_is_not_recorded()
    {
        var (_, credentialId) = await IssueAsync();
        (await SetAsync(credentialId, "revoke")).Should().Be(HttpStatusCode.NoContent);

        (await SetAsync(credentialId, "unsuspend")).Should().Be(HttpStatusCode.Conflict);

        (await AuditAsync("?action=credential_unsuspended"))["entries"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Filters_by_action_credential_and_time_and_pages_with_a_cursor()
    {
        var start = Clock.GetUtcNow();
        var (_, first) = await IssueAsync();
        Clock.Advance(TimeSpan.FromHours(1));
        var (_, second) = await IssueAsync();
        (await SetAsync(first, "suspend")).Should().Be(HttpStatusCode.NoContent);

        (await AuditAsync("?action=credential_issued"))["entries"]!.AsArray().Select(e => e!["credentialId"]!.GetValue<string>()).Should().Equal(first, second);
        (await AuditAsync($"?credentialId={first}"))["entries"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).Should().Equal("credential_issued", "credential_suspended");
        var laterText = Uri.EscapeDataString(start.AddMinutes(30).ToString("O"));
        (await AuditAsync($"?from={laterText}&action=credential_issued"))["entries"]!.AsArray().Select(e => e!["credentialId"]!.GetValue<string>()).Should().Equal(second);
        (await AuditAsync($"?to={laterText}"))["entries"]!.AsArray().Should().HaveCount(2, "the first offer and its issuance");

        var page1 = await AuditAsync("?limit=2");
        var page2 = await AuditAsync($"?limit=2&after={page1["next"]!.GetValue<long>()}");
        var page3 = await AuditAsync($"?limit=2&after={page2["next"]!.GetValue<long>()}");
        page1["entries"]!.AsArray().Concat(page2["entries"]!.AsArray()).Concat(page3["entries"]!.AsArray())
            .Select(e => e!["action"]!.GetValue<string>())
            .Should().Equal("offer_created", "credential_issued", "offer_created", "credential_issued", "credential_suspended");
        page3["next"].Should().BeNull("the last page is not full");
    }

    [Theory]
    [InlineData("?action=credential_deleted", "action")]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=1001", "limit")]
    [InlineData("?after=-1", "after")]
    [InlineData("?action=offer_created&action=credential_issued", "action")]
    public async Task A_malformed_query_is_a_problem_naming_the_parameter(string query, string parameter)
    {
        using var api = Factory.CreateApiClient();
        using var response = await api.GetAsync("/api/audit" + query);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![parameter].Should().NotBeNull();
    }

    [Fact]
    public async Task The_trail_needs_an_api_key_and_is_in_the_openapi_document()
    {
        using var response = await Http.GetAsync("/api/audit");
        var document = JsonNode.Parse(await Http.GetStringAsync("/api/openapi/agency.json"))!;

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        document["paths"]!["/api/audit"]!["get"].Should().NotBeNull();
    }
}
