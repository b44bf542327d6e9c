using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.Cose;
using System.Text.Json.Nodes;
using Wallet.Core.SdJwt;
using Wallet.Core.SdJwtVc;
using Wallet.Core.StatusList;
using Wallet.Core.Trust;
using Wallet.Core.TypeMetadata;

namespace Wallet.Issuer.Tests;

/// <summary>
/// The PID Type Metadata the Issuer publishes and binds with <c>vct#integrity</c> (draft-ietf-oauth-sd-jwt-vc-18 §4, §5),
/// and its Status List Tokens in both forms by content negotiation (draft-ietf-oauth-status-list-20 §5, §8.1).
/// </summary>
public sealed class TypeMetadataAndStatusFormTests : IssuerTestBase
{
    [Fact]
    public async Task Pid_type_metadata_is_served_at_the_registry_url_and_matches_vct_integrity_draft_ietf_oauth_sd_jwt_vc_4_3_2_and_5()
    {
        var response = await Http.GetAsync(IssuerFactory.IssuerUrl + "/type-metadata/urn%3Aeudi%3Apid%3A1");
        var body = await response.Content.ReadAsByteArrayAsync();
        var credential = await IssueSdJwtVcAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        response.Headers.CacheControl!.MaxAge.Should().BePositive();
        SdJwt.TryParse(credential, SdJwtLimits.Default, out var issued, out _).Should().BeTrue();
        var integrity = issued!.IssuerSignedJwt.Payload.GetProperty("vct#integrity").GetString();
        integrity.Should().Be(IntegrityMetadata.Sha256Of(body));
        TypeMetadataDocument.TryParse(body, out var document, out var error).Should().BeTrue(error?.ToString());
        document!.Display!.Select(d => d.Locale).Should().Equal("en", "nb");
    }

    [Fact]
    public async Task Unknown_type_has_no_metadata()
    {
        var response = await Http.GetAsync(IssuerFactory.IssuerUrl + "/type-metadata/urn%3Aeudi%3Apid%3Ano%3A1");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Issued_pid_passes_full_type_metadata_processing_fetched_from_the_issuer_draft_ietf_oauth_sd_jwt_vc_4_7()
    {
        var holderKey = Keys(1)[0];
        var wallet = await AuthorizedWalletAsync(configurations: [SdJwtConfiguration]);
        var credential = (await TestWallet.CredentialsAsync(await wallet.RequestCredentialsAsync(SdJwtConfiguration, [holderKey])))[0];
        var source = new HttpTypeMetadataSource(Http, Clock, new HttpTypeMetadataSourceOptions { Registry = new Uri(IssuerFactory.IssuerUrl + "/type-metadata") });
        var verification = new CredentialVerification(Factory, Http);
        SdJwt.TryParse(credential, SdJwtLimits.Default, out var issued, out _).Should().BeTrue();
        var presentation = SdJwtHolder.Present(issued!, CredentialVerification.All(issued!), new KeyBindingOptions(holderKey, "https://verifier.test", "n-1", Clock.GetUtcNow()));
        var verifier = new SdJwtVcVerifier(new SdJwtVcVerifierOptions
        {
            TrustValidator = verification.ChainValidator,
            StatusChecker = verification.StatusChecker,
            TimeProvider = Clock,
            TypeMetadata = new TypeMetadataProcessor([source]),
            RequireTypeMetadata = true,
        });

        var result = await verifier.VerifyAsync(presentation, new KeyBindingExpectation("https://verifier.test", "n-1"));

        result.Errors.Should().BeEmpty();
        result.TypeMetadata!.LabelFor(Wallet.Core.Claims.ClaimPath.Of("family_name"), "nb")!.Label.Should().Be("Etternavn");
    }

    [Theory]
    [InlineData(null, StatusListMediaTypes.Jwt)]
    [InlineData("*/*", StatusListMediaTypes.Jwt)]
    [InlineData(StatusListMediaTypes.Jwt, StatusListMediaTypes.Jwt)]
    [InlineData(StatusListMediaTypes.Cwt, StatusListMediaTypes.Cwt)]
    [InlineData("application/statuslist+jwt;q=0.5, application/statuslist+cwt", StatusListMediaTypes.Cwt)]
    [InlineData("application/statuslist+cwt;q=0.5, application/statuslist+jwt", StatusListMediaTypes.Jwt)]
    [InlineData("application/statuslist+jwt, application/statuslist+cwt", StatusListMediaTypes.Jwt)]
    public async Task Status_list_form_follows_the_accept_header_draft_ietf_oauth_status_list_8_1(string? accept, string expected)
    {
        await IssueSdJwtVcAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/status-lists/1");
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        var response = await Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be(expected);
        response.Headers.Vary.Should().Contain("Accept");
    }

    [Fact]
    public async Task Cwt_status_list_is_a_tagged_cose_sign1_without_cwt_tag_that_the_verifier_accepts_draft_ietf_oauth_status_list_5_2()
    {
        var credential = await IssueSdJwtVcAsync();
        SdJwt.TryParse(credential, SdJwtLimits.Default, out var issued, out _).Should().BeTrue();
        var reference = issued!.IssuerSignedJwt.Payload.GetProperty("status").GetProperty("status_list");
        var uri = new Uri(reference.GetProperty("uri").GetString()!);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(StatusListMediaTypes.Cwt));

        var bytes = await (await Http.SendAsync(request)).Content.ReadAsByteArrayAsync();

        bytes[0].Should().Be(0xD2, "COSE_Sign1_Tagged (tag 18), and no CWT tag 61 (0xD8 0x3D) before it");
        CoseSign1Message.DecodeSign1(bytes).ProtectedHeaders[new CoseHeaderLabel(16)].GetValueAsString().Should().Be(StatusListMediaTypes.Cwt);
        var verifier = new StatusListTokenVerifier(new CredentialVerification(Factory, Http).ChainValidator, new StatusListTokenVerifierOptions(), Clock);
        var result = verifier.VerifyCwt(bytes, uri);
        result.Errors.Should().BeEmpty();
        result.Token!.StatusList.TryGetStatus(reference.GetProperty("idx").GetInt32(), out var status).Should().BeTrue();
        status.Should().Be((byte)TokenStatus.Valid);
    }

    [Fact]
    public async Task Mdoc_carries_the_status_list_reference_in_its_mso_draft_ietf_oauth_status_list_6_3()
    {
        var wallet = await AuthorizedWalletAsync(configurations: [MdocConfiguration]);
        var credential = (await TestWallet.CredentialsAsync(await wallet.RequestCredentialsAsync(MdocConfiguration, Keys(1))))[0];

        var (result, _) = await new CredentialVerification(Factory, Http).VerifyMdocAsync(credential);

        result.Errors.Should().BeEmpty();
        result.StatusReference!.Uri.AbsoluteUri.Should().StartWith(IssuerFactory.IssuerUrl + "/status-lists/");
    }

    private async Task<string> IssueSdJwtVcAsync()
    {
        var wallet = await AuthorizedWalletAsync(configurations: [SdJwtConfiguration]);
        return (await TestWallet.CredentialsAsync(await wallet.RequestCredentialsAsync(SdJwtConfiguration, Keys(1))))[0];
    }
}
