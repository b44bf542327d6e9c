using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Wallet.Cli.Demo;
using Wallet.Hosting;

namespace Wallet.Cli.Tests;

/// <summary>
/// <c>wallet demo</c>'s services answer errors as RFC 9457 problems, never with the developer exception page (stack trace,
/// source paths, request headers), although they run as Development hosts (issue 10, defect 6).
/// </summary>
public sealed class DemoErrorResponseTests(DemoServicesFixture fixture) : IClassFixture<DemoServicesFixture>
{
    [Theory]
    [InlineData("issuer", "/no-such-route")]
    [InlineData("verifier", "/no-such-route")]
    [InlineData("verifier", "/oid4vp/no-such-route/x")]
    public async Task Unknown_route_of_a_demo_service_is_a_problem_RFC9457_3(string service, string path)
    {
        var baseUrl = service == "issuer" ? fixture.Services.IssuerUrl : fixture.Services.VerifierUrl;

        using var response = await fixture.Http.GetAsync(new Uri(baseUrl, path));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!.GetValue<int>().Should().Be(404);
    }

    [Fact]
    public async Task Exception_in_a_demo_host_is_a_problem_without_internals_RFC9457_3()
    {
        var port = DemoServices.FreePort();
        var directory = Directory.CreateTempSubdirectory("demo-errors-").FullName;
        var builder = DemoServices.CreateBuilder(directory, port, fixture.Environment.TlsCertificate);

        // As AddPidIssuer and AddVerifier do.
        builder.Services.AddProblemDetails();
        await using var app = builder.Build();
        app.UseProblemResponses();
        app.MapGet("/throws", string () => throw new InvalidOperationException("secret detail from " + directory));
        await app.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"https://{DemoTls.HostName}:{port}/throws"));
        request.Headers.Add("X-Secret-Header", "header-value-42");

        using var response = await fixture.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        app.Environment.EnvironmentName.Should().Be("Development", "the demo's hosts are Development hosts, which default to the developer exception page");
        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        JsonNode.Parse(body)!["status"]!.GetValue<int>().Should().Be(500);
        body.Should().NotContain("secret detail").And.NotContain(directory).And.NotContain("InvalidOperationException")
            .And.NotContain("header-value-42").And.NotContain(".cs:").And.NotContain(" at ");
        await app.StopAsync();
        Directory.Delete(directory, recursive: true);
    }
}
