using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Wallet.Core.OAuth;
using Wallet.Core.OpenId4Vci;
using Wallet.Hosting;

namespace Wallet.Issuer.Tests;

/// <summary>
/// The one mapping from protocol errors to HTTP that the Issuer and the Verifier share: status by error code and by who
/// answers (authorization server or protected resource), the challenge, <c>no-store</c> and the documentation link.
/// </summary>
public sealed class ProtocolErrorResponseTests
{
    [Theory]
    [InlineData(OAuthErrors.InvalidRequest, false, 400)]
    [InlineData(OAuthErrors.InvalidGrant, false, 400)]
    [InlineData(OAuthErrors.UnauthorizedClient, false, 400)]
    [InlineData(OAuthErrors.UnsupportedGrantType, false, 400)]
    [InlineData(OAuthErrors.InvalidScope, false, 400)]
    [InlineData(OAuthErrors.InvalidClient, false, 401)]
    [InlineData(OAuthErrors.InvalidToken, true, 401)]
    [InlineData(OAuthErrors.InsufficientScope, true, 403)]
    [InlineData(OAuthErrors.InvalidDpopProof, false, 400)]
    [InlineData(OAuthErrors.InvalidDpopProof, true, 401)]
    [InlineData(OAuthErrors.UseDpopNonce, false, 400)]
    [InlineData(OAuthErrors.UseDpopNonce, true, 401)]
    [InlineData(OAuthErrors.ServerError, false, 500)]
    [InlineData(OAuthErrors.TemporarilyUnavailable, false, 503)]
    [InlineData(OpenId4VciErrors.InvalidCredentialRequest, false, 400)]
    [InlineData(OpenId4VciErrors.UnknownCredentialConfiguration, false, 400)]
    [InlineData(OpenId4VciErrors.UnknownCredentialIdentifier, false, 400)]
    [InlineData(OpenId4VciErrors.InvalidProof, false, 400)]
    [InlineData(OpenId4VciErrors.InvalidNonce, false, 400)]
    [InlineData(OpenId4VciErrors.InvalidEncryptionParameters, false, 400)]
    [InlineData(OpenId4VciErrors.CredentialRequestDenied, false, 400)]
    [InlineData(Wallet.Core.OpenId4Vp.OpenId4VpErrors.InvalidRequestUriMethod, false, 400)]
    public void Each_error_code_maps_to_its_status_RFC6749_5_2_RFC6750_3_1_RFC9449_7_1(string error, bool resourceServer, int status) =>
        ProtocolErrorResponse.StatusCodeFor(new ProtocolError(error, "d") { IsResourceServerError = resourceServer }).Should().Be(status);

    [Fact]
    public async Task A_protected_resource_error_challenges_with_DPoP_and_its_algs_RFC9449_7_1()
    {
        var (context, body) = await ExecuteAsync(new ProtocolError(OAuthErrors.InvalidToken, "expired") { IsResourceServerError = true }, ["ES256", "ES384"]);

        context.Response.StatusCode.Should().Be(401);
        context.Response.Headers.WWWAuthenticate.ToString().Should().Be("DPoP error=\"invalid_token\", error_description=\"expired\", algs=\"ES256 ES384\"");
        body["error"]!.GetValue<string>().Should().Be("invalid_token");
    }

    [Fact]
    public async Task A_protected_resource_without_DPoP_challenges_with_Bearer_RFC6750_3()
    {
        var (context, _) = await ExecuteAsync(new ProtocolError(OAuthErrors.InvalidToken, "expired") { IsResourceServerError = true }, null);

        context.Response.Headers.WWWAuthenticate.ToString().Should().Be("Bearer error=\"invalid_token\", error_description=\"expired\"");
    }

    [Fact]
    public async Task An_authorization_server_error_has_no_challenge_and_is_not_stored_RFC6749_5_1()
    {
        var (context, body) = await ExecuteAsync(new ProtocolError(OAuthErrors.InvalidGrant, "used"), ["ES256"]);

        context.Response.StatusCode.Should().Be(400);
        context.Response.Headers.WWWAuthenticate.Should().BeEmpty();
        context.Response.Headers.CacheControl.ToString().Should().Be("no-store");
        context.Response.ContentType.Should().StartWith("application/json");
        body["error_description"]!.GetValue<string>().Should().Be("used");
    }

    [Fact]
    public async Task The_error_uri_is_the_configured_documentation_page_with_the_code_as_anchor_RFC6749_5_2()
    {
        var page = new Uri("https://docs.agency.test/wallet/error-codes.html");
        var (_, body) = await ExecuteAsync(new ProtocolError(OAuthErrors.InvalidGrant, "used"), null, o => o.Page = page);

        body["error_uri"]!.GetValue<string>().Should().Be("https://docs.agency.test/wallet/error-codes.html#invalid_grant");
    }

    [Fact]
    public async Task An_endpoint_may_answer_an_HTTP_level_status_for_an_unknown_resource()
    {
        var context = NewContext(null);
        await ProtocolErrorResponse.ToResult(context, new ProtocolError(OAuthErrors.InvalidRequest, "Unknown request."), httpStatus: 404).ExecuteAsync(context);

        context.Response.StatusCode.Should().Be(404);
        context.Response.Headers.CacheControl.ToString().Should().Be("no-store");
    }

    [Fact]
    public void A_description_outside_the_RFC6749_character_set_is_sanitized_RFC6749_5_2() =>
        ProtocolError.Create(OAuthErrors.InvalidRequest, "bad \"quote\" \\ here").Description.Should().NotContainAny("\"", "\\");

    private static async Task<(HttpContext Context, JsonObject Body)> ExecuteAsync(ProtocolError error, string[]? algs, Action<ErrorDocumentationOptions>? configure = null)
    {
        var context = NewContext(configure);
        await ProtocolErrorResponse.ToResult(context, error, algs).ExecuteAsync(context);
        context.Response.Body.Position = 0;
        var body = (JsonObject)(await JsonNode.ParseAsync(context.Response.Body))!;
        return (context, body);
    }

    private static DefaultHttpContext NewContext(Action<ErrorDocumentationOptions>? configure)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddOptions<ErrorDocumentationOptions>().Configure(o => configure?.Invoke(o));
        return new DefaultHttpContext { RequestServices = services.BuildServiceProvider(), Response = { Body = new MemoryStream() } };
    }
}
