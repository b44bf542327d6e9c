using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Wallet.Core.Trust;
using Wallet.Issuer.Authentication;

namespace Wallet.Issuer.Tests.Seams;

/// <summary>UseLogin and IAuthorizationCompletion: the host's login ends the authorization with the redirect to the wallet.</summary>
public sealed class LoginSeamTests() : IssuerTestBase(services: services => services.AddPidIssuer().UseLogin<InstantLogin>())
{
    private InstantLogin Login => Factory.Services.GetRequiredService<InstantLogin>();

    private async Task<HttpResponseMessage> AuthorizeAsync(string requestUri) =>
        await Http.GetAsync($"/authorize?client_id=w&request_uri={Uri.EscapeDataString(requestUri)}");

    [Fact]
    public async Task The_host_login_completes_with_a_code_state_and_iss_RFC9207()
    {
        var response = await AuthorizeAsync(await PushMinimalAuthorizationRequestAsync());

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be("https://wallet.example/cb");
        var query = QueryHelpers.ParseQuery(response.Headers.Location.Query);
        query["code"].Single().Should().NotBeNullOrEmpty();
        query["iss"].Single().Should().Be(IssuerFactory.IssuerUrl);
        Factory.Services.GetRequiredService<IUserAuthentication>().Should().BeSameAs(Login);
    }

    [Fact]
    public async Task A_host_login_below_level_of_assurance_high_gets_access_denied()
    {
        Login.Level = LevelOfAssurance.Substantial;

        var response = await AuthorizeAsync(await PushMinimalAuthorizationRequestAsync());

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var query = QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        query["error"].Single().Should().Be("access_denied");
        query["error_description"].Single().Should().Contain("level of assurance high");
        query.Should().NotContainKey("code");
    }

    [Fact]
    public async Task A_person_unknown_to_the_register_gets_access_denied()
    {
        Login.PersonId = "nobody";

        var response = await AuthorizeAsync(await PushMinimalAuthorizationRequestAsync());

        var query = QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        query["error"].Single().Should().Be("access_denied");
        query["error_description"].Single().Should().Contain("no PID data for the signed-in person");
    }

    [Fact]
    public async Task A_pushed_request_completes_once_the_second_completion_has_no_redirect_RFC9126_4()
    {
        var requestUri = await PushMinimalAuthorizationRequestAsync();
        var completion = Factory.Services.GetRequiredService<IAuthorizationCompletion>();
        var user = new AuthenticatedUser("kari-nordmann", LevelOfAssurance.High);

        var first = await completion.CompleteAsync(requestUri, user);
        var second = await completion.CompleteAsync(requestUri, user);

        first.HasRedirect.Should().BeTrue();
        second.HasRedirect.Should().BeFalse();
        second.Problem.Should().Be("The request_uri is unknown, used or expired.");
    }

    [Fact]
    public async Task The_development_login_post_is_refused_when_the_host_supplies_the_login()
    {
        var response = await Http.PostAsync("/authorize/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["person_id"] = "kari-nordmann" }));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
