using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Wallet.Core.StatusList;
using Wallet.Core.Tests.TestSupport;

namespace Wallet.Core.Tests.StatusList;

public sealed class HttpTokenStatusCheckerTests : IDisposable
{
    private const long Now = 1_700_000_000;
    private static readonly Uri ListUri = new("https://example.com/statuslists/1");

    private readonly StatusListTokenTests.TestPki pki = StatusListTokenTests.TestPki.Create();
    private readonly StubHttpHandler handler = new();
    private readonly FakeTimeProvider clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Now));

    public void Dispose()
    {
        pki.Dispose();
        handler.Dispose();
    }

    [Fact]
    public async Task Valid_entry_of_a_verified_list_is_reported_valid_draft_ietf_oauth_status_list_8_3()
    {
        Serve(Token().ToJwt(pki.SigningKey));

        var result = await Checker().CheckAsync(new StatusListReference(0, ListUri));

        result.IsChecked.Should().BeTrue(string.Join("; ", result.Errors));
        result.IsValid.Should().BeTrue();
        handler.Requests.Should().ContainSingle();
        handler.Requests[0].RequestUri.Should().Be(ListUri);
        handler.Requests[0].Headers.Accept.Select(a => a.MediaType).Should().Equal("application/statuslist+jwt", "application/statuslist+cwt");
    }

    [Fact]
    public async Task Jwt_only_checker_asks_for_and_accepts_only_the_jwt_form_draft_ietf_oauth_status_list_8_2()
    {
        handler.Respond = (_, _) => Task.FromResult(StubHttpHandler.Ok(Token().ToCwt(pki.SigningKey), "application/statuslist+cwt"));

        var result = await Checker(new HttpTokenStatusCheckerOptions { AcceptCwt = false }).CheckAsync(new StatusListReference(3, ListUri));

        result.Errors.Select(e => e.Code).Should().Equal(StatusListErrorCodes.ContentType);
        handler.Requests[0].Headers.Accept.Select(a => a.MediaType).Should().Equal("application/statuslist+jwt");
    }

    [Fact]
    public async Task Checker_preferring_cwt_asks_for_it_first_and_still_accepts_jwt_draft_ietf_oauth_status_list_8_1()
    {
        Serve(Token().ToJwt(pki.SigningKey));

        var result = await Checker(new HttpTokenStatusCheckerOptions { PreferCwt = true }).CheckAsync(new StatusListReference(0, ListUri));

        result.IsValid.Should().BeTrue(string.Join("; ", result.Errors));
        handler.Requests[0].Headers.Accept.Select(a => (a.MediaType, a.Quality)).Should().Equal(("application/statuslist+cwt", (double?)null), ("application/statuslist+jwt", 0.5));
    }

    [Theory]
    [InlineData(3, TokenStatus.Invalid)]
    [InlineData(700, TokenStatus.Suspended)]
    public async Task Revoked_or_suspended_entry_is_a_successful_check_with_that_status_draft_ietf_oauth_status_list_7(int index, TokenStatus expected)
    {
        Serve(Token().ToJwt(pki.SigningKey));

        var result = await Checker().CheckAsync(new StatusListReference(index, ListUri));

        result.IsChecked.Should().BeTrue();
        result.IsValid.Should().BeFalse();
        result.Status.Should().Be((byte)expected);
    }

    [Fact]
    public async Task Cwt_response_is_accepted_by_default_draft_ietf_oauth_status_list_8_2()
    {
        handler.Respond = (_, _) => Task.FromResult(StubHttpHandler.Ok(Token().ToCwt(pki.SigningKey), "application/statuslist+cwt"));

        var result = await Checker().CheckAsync(new StatusListReference(3, ListUri));

        result.Status.Should().Be((byte)TokenStatus.Invalid);
        handler.Requests[0].Headers.Accept.Select(a => a.MediaType).Should().Contain("application/statuslist+cwt");
    }

    [Fact]
    public async Task Second_check_is_served_from_the_cache_until_ttl_elapses_draft_ietf_oauth_status_list_5_1()
    {
        Serve(Token(ttl: TimeSpan.FromMinutes(10)).ToJwt(pki.SigningKey));
        var checker = Checker();

        await checker.CheckAsync(new StatusListReference(0, ListUri));
        clock.Advance(TimeSpan.FromMinutes(9));
        await checker.CheckAsync(new StatusListReference(3, ListUri));
        handler.Requests.Should().HaveCount(1);

        clock.Advance(TimeSpan.FromMinutes(1));
        await checker.CheckAsync(new StatusListReference(0, ListUri));
        handler.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task Cache_never_outlives_exp_draft_ietf_oauth_status_list_8_2()
    {
        var iat = clock.GetUtcNow();
        Serve(Token(ttl: TimeSpan.FromHours(12), exp: iat.AddMinutes(5)).ToJwt(pki.SigningKey));
        var checker = Checker();

        await checker.CheckAsync(new StatusListReference(0, ListUri));
        clock.Advance(TimeSpan.FromMinutes(5));
        await checker.CheckAsync(new StatusListReference(0, ListUri));
        handler.Requests.Should().HaveCount(2, "the cache entry ends at exp although ttl is longer");

        // Past exp plus the verifier's one-minute clock skew, the refetched token itself is rejected.
        clock.Advance(TimeSpan.FromMinutes(2));
        var afterExp = await checker.CheckAsync(new StatusListReference(0, ListUri));

        handler.Requests.Should().HaveCount(3);
        afterExp.Errors.Select(e => e.Code).Should().Equal(StatusListErrorCodes.Expired);
    }

    [Fact]
    public async Task Token_without_ttl_is_cached_for_the_default_duration()
    {
        Serve(Token(ttl: null).ToJwt(pki.SigningKey));
        var checker = Checker(new HttpTokenStatusCheckerOptions { DefaultCacheDuration = TimeSpan.FromMinutes(2) });

        await checker.CheckAsync(new StatusListReference(0, ListUri));
        clock.Advance(TimeSpan.FromMinutes(1));
        await checker.CheckAsync(new StatusListReference(0, ListUri));
        clock.Advance(TimeSpan.FromMinutes(1));
        await checker.CheckAsync(new StatusListReference(0, ListUri));

        handler.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task Failure_is_not_cached()
    {
        handler.Respond = (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        var checker = Checker();
        (await checker.CheckAsync(new StatusListReference(0, ListUri))).IsChecked.Should().BeFalse();

        Serve(Token().ToJwt(pki.SigningKey));
        var second = await checker.CheckAsync(new StatusListReference(0, ListUri));

        second.IsValid.Should().BeTrue();
        handler.Requests.Should().HaveCount(2);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.NotModified)]
    public async Task Non_2xx_response_fails_closed_draft_ietf_oauth_status_list_8_2(HttpStatusCode status)
    {
        handler.Respond = (_, _) => Task.FromResult(new HttpResponseMessage(status));

        await ExpectError(StatusListErrorCodes.HttpStatus);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/jwt")]
    [InlineData(null)]
    public async Task Response_with_another_media_type_fails_closed_draft_ietf_oauth_status_list_8_2(string? contentType)
    {
        handler.Respond = (_, _) => Task.FromResult(StubHttpHandler.Ok(Encoding.ASCII.GetBytes(Token().ToJwt(pki.SigningKey)), contentType));

        await ExpectError(StatusListErrorCodes.ContentType);
    }

    [Fact]
    public async Task Response_announcing_more_than_the_limit_fails_closed()
    {
        handler.Respond = (_, _) =>
        {
            var response = StubHttpHandler.Ok(new byte[10], "application/statuslist+jwt");
            response.Content.Headers.ContentLength = 10_000_000;
            return Task.FromResult(response);
        };

        await ExpectError(StatusListErrorCodes.TooLarge);
    }

    [Fact]
    public async Task Response_body_longer_than_the_limit_fails_closed()
    {
        handler.Respond = (_, _) =>
        {
            var content = new StreamContent(new MemoryStream(new byte[5000]));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/statuslist+jwt");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
        };

        await ExpectError(StatusListErrorCodes.TooLarge, new HttpTokenStatusCheckerOptions { MaxResponseBytes = 4096 });
    }

    [Fact]
    public async Task Transport_failure_fails_closed()
    {
        handler.Respond = (_, _) => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused");

        await ExpectError(StatusListErrorCodes.FetchFailed);
    }

    [Fact]
    public async Task Endpoint_slower_than_the_timeout_fails_closed()
    {
        handler.Respond = async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        };

        await ExpectError(StatusListErrorCodes.Timeout, new HttpTokenStatusCheckerOptions { Timeout = TimeSpan.FromMilliseconds(100) });
    }

    [Theory]
    [InlineData("http://example.com/statuslists/1", false)]
    [InlineData("http://127.0.0.1/statuslists/1", false)]
    [InlineData("ftp://example.com/statuslists/1", false)]
    [InlineData("http://example.com/statuslists/1", true)]
    public async Task Status_list_uri_without_tls_is_refused_draft_ietf_oauth_status_list_8_1(string uri, bool allowLoopback)
    {
        var checker = Checker(new HttpTokenStatusCheckerOptions { AllowHttpForLoopback = allowLoopback });

        var result = await checker.CheckAsync(new StatusListReference(0, new Uri(uri)));

        result.Errors.Select(e => e.Code).Should().Equal(StatusListErrorCodes.InsecureUri);
        handler.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Loopback_http_is_allowed_only_when_configured()
    {
        var uri = new Uri("http://127.0.0.1:5000/statuslists/1");
        Serve(new StatusListToken(uri, clock.GetUtcNow(), new StatusListBuilder(1, 8).ToStatusList()).ToJwt(pki.SigningKey));

        var result = await Checker(new HttpTokenStatusCheckerOptions { AllowHttpForLoopback = true }).CheckAsync(new StatusListReference(0, uri));

        result.IsValid.Should().BeTrue(string.Join("; ", result.Errors));
    }

    [Fact]
    public async Task Token_with_a_bad_signature_fails_closed_draft_ietf_oauth_status_list_5_1()
    {
        var jwt = Token().ToJwt(pki.SigningKey);
        var tampered = jwt[..^2] + (jwt[^2] == 'A' ? "B" : "A") + jwt[^1];
        Serve(tampered);

        await ExpectError(StatusListErrorCodes.SignatureInvalid);
    }

    [Fact]
    public async Task Token_from_an_untrusted_chain_fails_closed_draft_ietf_oauth_status_list_8_3()
    {
        using var foreign = StatusListTokenTests.TestPki.Create();
        Serve(Token().ToJwt(foreign.SigningKey));

        var result = await Checker().CheckAsync(new StatusListReference(0, ListUri));

        result.IsChecked.Should().BeFalse();
        result.Errors[0].Code.Should().Be(StatusListErrorCodes.Untrusted);
    }

    [Fact]
    public async Task Token_for_another_uri_fails_closed_draft_ietf_oauth_status_list_8_3()
    {
        Serve(new StatusListToken(new Uri("https://example.com/statuslists/2"), clock.GetUtcNow(), new StatusListBuilder(1, 8).ToStatusList()).ToJwt(pki.SigningKey));

        await ExpectError(StatusListErrorCodes.SubjectMismatch);
    }

    [Fact]
    public async Task Expired_token_fails_closed_draft_ietf_oauth_status_list_8_3()
    {
        var iat = clock.GetUtcNow().AddDays(-2);
        Serve(new StatusListToken(ListUri, iat, new StatusListBuilder(1, 8).ToStatusList(), iat.AddDays(1)).ToJwt(pki.SigningKey));

        await ExpectError(StatusListErrorCodes.Expired);
    }

    [Fact]
    public async Task Index_beyond_the_list_fails_closed_draft_ietf_oauth_status_list_8_3()
    {
        Serve(Token().ToJwt(pki.SigningKey));

        var result = await Checker().CheckAsync(new StatusListReference(4096, ListUri));

        result.Errors.Select(e => e.Code).Should().Equal(StatusListErrorCodes.IndexOutOfRange);
    }

    [Fact]
    public async Task Negative_index_fails_closed_draft_ietf_oauth_status_list_6_2()
    {
        var result = await Checker().CheckAsync(new StatusListReference(-1, ListUri));

        result.Errors.Select(e => e.Code).Should().Equal(StatusListErrorCodes.InvalidReference);
    }

    [Theory]
    [InlineData("not a token")]
    [InlineData("\u00ff\u00fe")]
    public async Task Body_that_is_not_a_token_fails_closed(string body)
    {
        handler.Respond = (_, _) => Task.FromResult(StubHttpHandler.Ok(Encoding.Latin1.GetBytes(body), "application/statuslist+jwt"));

        await ExpectError(StatusListErrorCodes.Malformed);
    }

    private async Task ExpectError(string code, HttpTokenStatusCheckerOptions? options = null)
    {
        var result = await Checker(options).CheckAsync(new StatusListReference(0, ListUri));

        result.IsChecked.Should().BeFalse();
        result.IsValid.Should().BeFalse();
        result.Errors.Select(e => e.Code).Should().Equal(code);
    }

    private void Serve(string jwt) =>
        handler.Respond = (_, _) => Task.FromResult(StubHttpHandler.Ok(Encoding.ASCII.GetBytes(jwt), "application/statuslist+jwt"));

    private StatusListToken Token() => Token(TimeSpan.FromHours(1));

    private StatusListToken Token(TimeSpan? ttl, DateTimeOffset? exp = null)
    {
        var builder = new StatusListBuilder(2, 1024);
        builder.SetStatus(3, TokenStatus.Invalid).SetStatus(700, TokenStatus.Suspended);
        var iat = clock.GetUtcNow();
        return new StatusListToken(ListUri, iat, builder.ToStatusList(), exp ?? iat.AddDays(1), ttl);
    }

    private HttpTokenStatusChecker Checker(HttpTokenStatusCheckerOptions? options = null)
    {
        var verifier = new StatusListTokenVerifier(pki.Validator(), new StatusListTokenVerifierOptions(), clock);
#pragma warning disable CA2000 // The handler is disposed with the test class.
        return new HttpTokenStatusChecker(new HttpClient(handler, disposeHandler: false), verifier, clock, options);
#pragma warning restore CA2000
    }
}
