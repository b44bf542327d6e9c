using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Wallet.Issuer.Tests;

/// <summary>The agency API <c>POST /api/offers</c>: validation as RFC 9457 problem details.</summary>
public sealed class AgencyApiTests : IssuerTestBase
{
    public static TheoryData<string, string> Invalid => new()
    {
        { """{"personId":"nobody"}""", "personId" },
        { """{}""", "personId" },
        { """{"personId":"kari-nordmann","claims":{"family_name":"X"}}""", "personId" },
        { """{"personId":"kari-nordmann","credentialConfigurationIds":["unknown"]}""", "credentialConfigurationIds" },
        { """{"personId":"kari-nordmann","credentialConfigurationIds":[]}""", "credentialConfigurationIds" },
        { """{"claims":{"family_name":"Berg"}}""", "claims" },
        { """{"claims":{"family_name":"Berg","given_name":"N","birthdate":"2001-02","place_of_birth":{"country":"NO"},"nationalities":["NO"]}}""", "claims" },
        { """{"claims":{"family_name":"Berg","given_name":"N","birthdate":"2001-02-03","place_of_birth":{"country":"NO"},"nationalities":["norway"]}}""", "claims" },
        { """{"claims":{"family_name":"Berg","given_name":"N","birthdate":"2001-02-03","place_of_birth":{"country":"NO"},"nationalities":["NO"],"favourite_colour":"blue"}}""", "claims" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Invalid_offer_request_is_a_validation_problem_naming_the_field_RFC9457(string body, string field)
    {
        using var api = Factory.CreateApiClient();

        var response = await api.PostAsync("/api/offers", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        problem["errors"]![field].Should().NotBeNull();
        problem.ToJsonString().Should().NotContain("Berg", "problem details never echo personal data");
    }

    [Theory]
    [InlineData("""["unknown-id"]""", "'unknown-id'")]
    [InlineData("""["eu.europa.ec.eudi.pid_vc_sd_jwt","pid-mdoc"]""", "'pid-mdoc'")]
    [InlineData("""[]""", null)]
    public async Task Unknown_credential_configuration_id_is_answered_with_the_valid_ids_OID4VCI_4_1_1(string ids, string? named)
    {
        using var api = Factory.CreateApiClient();

        var response = await api.PostAsync("/api/offers", new StringContent($$"""{"personId":"kari-nordmann","credentialConfigurationIds":{{ids}}}""", System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var message = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!["credentialConfigurationIds"]![0]!.GetValue<string>();
        message.Should().Contain($"'{SdJwtConfiguration}'").And.Contain($"'{MdocConfiguration}'");
        if (named is not null)
        {
            message.Should().Contain($"Unknown credential configuration {named}");
        }
    }

    [Fact]
    public async Task Created_offer_has_location_link_and_expiry()
    {
        using var api = Factory.CreateApiClient();

        var response = await api.PostAsJsonAsync("/api/offers", new { personId = "ola-minor", txCode = true });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Headers.Location!.AbsoluteUri.Should().StartWith(IssuerFactory.IssuerUrl + "/credential-offers/");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        body["txCode"]!.GetValue<string>().Should().HaveLength(6);
        body["expiresAt"]!.GetValue<DateTimeOffset>().Should().Be(Clock.GetUtcNow().AddMinutes(10));
    }

    [Fact]
    public async Task Agency_api_is_documented_by_an_openapi_document_without_the_protocol_endpoints()
    {
        var document = JsonNode.Parse(await Http.GetStringAsync("/api/openapi/agency.json"))!;

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        paths.Should().Contain("/api/offers").And.Contain("/api/credentials/{id}/revoke")
            .And.Contain("/api/representations").And.Contain("/api/representations/{id}/offers").And.Contain("/api/representations/{id}/revoke").And.Contain("/api/representations/{id}/withdrawal");
        paths.Should().NotContain(p => p.StartsWith("/token", StringComparison.Ordinal) || p.StartsWith("/credential", StringComparison.Ordinal));
    }
}
