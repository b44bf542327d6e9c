using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Wallet.Issuer.Tests;

/// <summary>
/// Every body the Issuer reads goes through the one bounded reader: a body over an endpoint's limit, sent chunked
/// without Content-Length so only counting can find it, gets that endpoint's own 4xx answer and never a 500.
/// </summary>
public sealed class BoundedBodyTests : IssuerTestBase
{
    [Fact]
    public async Task A_credential_request_over_512_KiB_without_content_length_is_413_invalid_credential_request()
    {
        var wallet = await AuthorizedWalletAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/credential") { Content = Chunked(512 * 1024 + 1, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("DPoP", wallet.AccessToken);

        using var response = await Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>().Should().Be("invalid_credential_request");
    }

    [Fact]
    public async Task A_token_request_form_over_256_KiB_without_content_length_is_invalid_request()
    {
        using var response = await Http.PostAsync("/token", Chunked(256 * 1024 + 1, "application/x-www-form-urlencoded"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>().Should().Be("invalid_request");
    }

    [Fact]
    public async Task An_offer_request_over_64_KiB_without_content_length_is_a_413_problem()
    {
        using var api = Factory.CreateApiClient();

        using var response = await api.PostAsync("/api/offers", Chunked(64 * 1024 + 1, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    /// <summary>A body of <paramref name="length"/> bytes from a stream of unknown length, so it goes without Content-Length.</summary>
    private static StreamContent Chunked(int length, string mediaType)
    {
        var content = new StreamContent(new UnknownLengthStream(Encoding.ASCII.GetBytes(new string('a', length))));
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        content.Headers.ContentLength.Should().BeNull();
        return content;
    }

    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
