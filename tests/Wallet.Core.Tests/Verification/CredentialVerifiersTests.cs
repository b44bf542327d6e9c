using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Wallet.Core.Development;
using Wallet.Core.Jose;
using Wallet.Core.Mdoc;
using Wallet.Core.Pid;
using Wallet.Core.SdJwtVc;
using Wallet.Core.StatusList;
using Wallet.Core.Tests.Mdoc;
using Wallet.Core.Tests.TestSupport;
using Wallet.Core.Trust;
using Wallet.Core.Verification;

namespace Wallet.Core.Tests.Verification;

/// <summary>
/// The one composition point: both formats built from one policy, trust from a source, status lists in JWT and CWT
/// form checked by the same checker, and a policy that cannot change after the verifiers were built.
/// </summary>
public sealed class CredentialVerifiersTests : IDisposable
{
    private static readonly DateTimeOffset Now = MdocFixture.T0.AddHours(1);
    private static readonly Uri JwtListUri = new("https://status.example/lists/jwt");
    private static readonly Uri CwtListUri = new("https://status.example/lists/cwt");
    private static readonly Dictionary<string, IReadOnlyCollection<string>> Requested = new() { [PidMdoc.NameSpace] = [PidMdoc.FamilyName] };

    private readonly MdocFixture _mdoc = new();
    private readonly FixedTimeProvider _clock = new(Now);
    private readonly X509Certificate2 _sdJwtSignerCertificate;
    private readonly SigningKey _sdJwtSigner;
    private readonly X509Certificate2 _statusSignerCertificate;
    private readonly SigningKey _holder = SigningKey.Generate();
    private readonly ListServer _lists = new();

    public CredentialVerifiersTests()
    {
        _sdJwtSignerCertificate = DevelopmentCertificates.CreateSigner(_mdoc.Root, MdocFixture.T0.AddDays(-1), "PID Provider Test");
        _sdJwtSigner = DevelopmentCertificates.ToSigningKey(_sdJwtSignerCertificate);
        _statusSignerCertificate = DevelopmentCertificates.CreateStatusListSigner(_mdoc.Root, MdocFixture.T0.AddDays(-1));

        // Entry 1 is revoked in both lists; every other entry is valid.
        var list = new StatusListBuilder(1, 16).SetStatus(1, TokenStatus.Invalid).ToStatusList();
        var statusKey = DevelopmentCertificates.ToSigningKey(_statusSignerCertificate);
        _lists.Serve(JwtListUri, Encoding.ASCII.GetBytes(new StatusListToken(JwtListUri, Now.AddMinutes(-5), list, Now.AddHours(1)).ToJwt(statusKey)), StatusListMediaTypes.Jwt);
        _lists.Serve(CwtListUri, new StatusListToken(CwtListUri, Now.AddMinutes(-5), list, Now.AddHours(1)).ToCwt(statusKey), StatusListMediaTypes.Cwt);
    }

    [Theory]
    [InlineData("jwt", 0, true)]
    [InlineData("jwt", 1, false)]
    [InlineData("cwt", 0, true)]
    [InlineData("cwt", 1, false)]
    public async Task Sd_jwt_vc_status_is_read_from_a_jwt_or_cwt_status_list_under_the_same_anchors_TokenStatusList_8(string form, int index, bool valid)
    {
        var verifiers = Create(Options());

        var result = await verifiers.SdJwtVc.VerifyAsync(IssueSdJwtVc(new StatusListReference(index, form == "jwt" ? JwtListUri : CwtListUri)), keyBinding: null);

        result.IsValid.Should().Be(valid, string.Join("; ", result.Errors));
        result.Errors.Select(e => e.Code).Should().Equal(valid ? [] : [SdJwtVcErrorCodes.Revoked]);
    }

    [Theory]
    [InlineData("jwt", 0, true)]
    [InlineData("jwt", 1, false)]
    [InlineData("cwt", 0, true)]
    [InlineData("cwt", 1, false)]
    public async Task Mdoc_status_is_read_from_a_jwt_or_cwt_status_list_under_the_same_anchors_TokenStatusList_8(string form, int index, bool valid)
    {
        var verifiers = Create(Options());

        var result = await verifiers.Mdoc.VerifyAsync(PresentMdoc(new StatusListReference(index, form == "jwt" ? JwtListUri : CwtListUri)), MdocFixture.Transcript());

        result.IsValid.Should().Be(valid, string.Join("; ", result.AllErrors));
        result.AllErrors.Select(e => e.Code).Should().Equal(valid ? [] : [MdocErrorCodes.StatusRevoked]);
    }

    [Fact]
    public async Task Cwt_status_list_is_accepted_by_default_and_announced_in_Accept_TokenStatusList_8_2()
    {
        var verifiers = Create(Options());

        await verifiers.Mdoc.VerifyAsync(PresentMdoc(new StatusListReference(0, CwtListUri)), MdocFixture.Transcript());

        _lists.Accepted.Should().Contain(StatusListMediaTypes.Cwt).And.Contain(StatusListMediaTypes.Jwt);
    }

    [Fact]
    public async Task Status_list_signed_outside_the_trust_anchors_fails_closed_for_both_formats_TokenStatusList_8_3()
    {
        using var otherRoot = DevelopmentCertificates.CreateRootCa(MdocFixture.T0.AddDays(-10), "Other CA");
        using var otherSigner = DevelopmentCertificates.CreateStatusListSigner(otherRoot, MdocFixture.T0.AddDays(-1));
        var list = new StatusListBuilder(1, 16).ToStatusList();
        _lists.Serve(CwtListUri, new StatusListToken(CwtListUri, Now.AddMinutes(-5), list, Now.AddHours(1)).ToCwt(DevelopmentCertificates.ToSigningKey(otherSigner)), StatusListMediaTypes.Cwt);
        var verifiers = Create(Options());

        var sdJwtVc = await verifiers.SdJwtVc.VerifyAsync(IssueSdJwtVc(new StatusListReference(0, CwtListUri)), keyBinding: null);
        var mdoc = await verifiers.Mdoc.VerifyAsync(PresentMdoc(new StatusListReference(0, CwtListUri)), MdocFixture.Transcript());

        sdJwtVc.Errors.Select(e => e.Code).Should().Contain(SdJwtVcErrorCodes.StatusUnchecked);
        mdoc.AllErrors.Select(e => e.Code).Should().Contain(MdocErrorCodes.StatusUnchecked);
        sdJwtVc.IsValid.Should().BeFalse();
        mdoc.IsValid.Should().BeFalse();
    }

    [Fact]
    public async Task Credentials_that_do_not_chain_to_the_anchors_are_rejected_in_both_formats()
    {
        using var otherRoot = DevelopmentCertificates.CreateRootCa(MdocFixture.T0.AddDays(-10), "Other IACA");
        var verifiers = Create(Options() with { TrustAnchors = TrustAnchorStore.FromCertificates([otherRoot]) });

        var sdJwtVc = await verifiers.SdJwtVc.VerifyAsync(IssueSdJwtVc(status: null), keyBinding: null);
        var mdoc = await verifiers.Mdoc.VerifyAsync(PresentMdoc(status: null), MdocFixture.Transcript());

        sdJwtVc.Errors.Select(e => e.Code).Should().Contain(TrustErrorCodes.UntrustedRoot);
        mdoc.AllErrors.Select(e => e.Code).Should().Contain(MdocErrorCodes.ChainUntrusted);
        _lists.Requests.Should().Be(0, "no status list is fetched for a credential nobody vouches for");
    }

    [Fact]
    public async Task Anchors_come_from_the_host_source_at_each_validation_so_a_refreshed_list_takes_effect()
    {
        var source = new SwitchableSource { Current = TrustAnchorStore.Empty };
        var verifiers = Create(Options() with { TrustAnchors = source });
        var credential = IssueSdJwtVc(status: null);

        var before = await verifiers.SdJwtVc.VerifyAsync(credential, keyBinding: null);
        source.Current = TrustAnchorStore.FromCertificates([_mdoc.Root], LevelOfAssurance.High);
        var after = await verifiers.SdJwtVc.VerifyAsync(credential, keyBinding: null);
        source.Current = TrustAnchorStore.Empty;
        var removed = await verifiers.Mdoc.VerifyAsync(PresentMdoc(status: null), MdocFixture.Transcript());

        before.IsValid.Should().BeFalse();
        after.IsValid.Should().BeTrue(string.Join("; ", after.Errors));
        after.LevelOfAssurance.Should().Be(LevelOfAssurance.High);
        removed.AllErrors.Select(e => e.Code).Should().Contain(MdocErrorCodes.ChainUntrusted, "an anchor taken off the list is distrusted at once, cached successes included");
        source.Calls.Should().BeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public async Task Host_status_checker_replaces_fetching_and_a_revoked_answer_rejects_both_formats()
    {
        var checker = new StaticStatusChecker(TokenStatusCheckResult.Checked((byte)TokenStatus.Invalid));
        var verifiers = Create(Options() with { StatusChecker = checker });
        var reference = new StatusListReference(0, JwtListUri);

        var sdJwtVc = await verifiers.SdJwtVc.VerifyAsync(IssueSdJwtVc(reference), keyBinding: null);
        var mdoc = await verifiers.Mdoc.VerifyAsync(PresentMdoc(reference), MdocFixture.Transcript());

        sdJwtVc.Errors.Select(e => e.Code).Should().Equal(SdJwtVcErrorCodes.Revoked);
        mdoc.AllErrors.Select(e => e.Code).Should().Equal(MdocErrorCodes.StatusRevoked);
        checker.Requests.Should().Equal(reference, reference);
        verifiers.StatusChecker.Should().BeSameAs(checker);
        _lists.Requests.Should().Be(0);
    }

    [Fact]
    public async Task Without_a_checker_or_a_client_a_status_reference_fails_closed_unless_allowed()
    {
        var strict = CredentialVerifiers.Create(Options(), httpClient: null, _clock);
        var lenient = CredentialVerifiers.Create(Options() with { AllowUncheckedStatus = true }, httpClient: null, _clock);
        var credential = IssueSdJwtVc(new StatusListReference(0, JwtListUri));

        (await strict.SdJwtVc.VerifyAsync(credential, keyBinding: null)).Errors.Select(e => e.Code).Should().Equal(SdJwtVcErrorCodes.StatusUnchecked);
        (await strict.Mdoc.VerifyAsync(PresentMdoc(new StatusListReference(0, JwtListUri)), MdocFixture.Transcript())).AllErrors.Select(e => e.Code).Should().Equal(MdocErrorCodes.StatusUnchecked);
        (await lenient.SdJwtVc.VerifyAsync(credential, keyBinding: null)).IsValid.Should().BeTrue();
        strict.StatusChecker.Should().BeNull();
    }

    [Fact]
    public async Task Changing_the_accepted_types_after_building_does_not_change_the_verdict()
    {
        var accepted = new List<string> { PidSdJwtVc.Vct };
        var verifiers = Create(Options() with { AcceptedVcts = accepted });
        var credential = IssueSdJwtVc(status: null);

        accepted[0] = "urn:example:other";
        var result = await verifiers.SdJwtVc.VerifyAsync(credential, keyBinding: null);

        result.IsValid.Should().BeTrue(string.Join("; ", result.Errors));
        verifiers.Options.AcceptedVcts.Should().Equal(PidSdJwtVc.Vct);
    }

    [Fact]
    public async Task Changing_the_accepted_types_after_building_an_sd_jwt_vc_verifier_does_not_change_its_verdict()
    {
        var accepted = new List<string> { "urn:example:other" };
        var verifier = new SdJwtVcVerifier(new SdJwtVcVerifierOptions
        {
            TrustValidator = new X509ChainValidator(TrustAnchorStore.FromCertificates([_mdoc.Root])),
            AcceptedVcts = accepted,
            TimeProvider = _clock,
        });

        accepted[0] = PidSdJwtVc.Vct;
        var result = await verifier.VerifyAsync(IssueSdJwtVc(status: null), keyBinding: null);

        result.Errors.Select(e => e.Code).Should().Equal(SdJwtVcErrorCodes.VctNotAccepted);
    }

    [Fact]
    public void Changing_the_pinned_status_list_keys_after_building_does_not_change_the_verdict()
    {
        var key = SigningKey.Generate(keyId: "status-1");
        var token = new StatusListToken(JwtListUri, Now.AddMinutes(-5), new StatusListBuilder(1, 16).ToStatusList(), Now.AddHours(1)).ToJwt(key);
        var pinned = new List<PublicJwk>();
        var builtEmpty = new StatusListTokenVerifier(null, new StatusListTokenVerifierOptions { TrustedKeys = pinned }, _clock);
        pinned.Add(key.PublicJwk);
        var builtPinned = new StatusListTokenVerifier(null, new StatusListTokenVerifierOptions { TrustedKeys = pinned }, _clock);

        pinned.Clear();

        builtEmpty.VerifyJwt(token, JwtListUri).IsValid.Should().BeFalse("the key was pinned after this verifier was built");
        builtPinned.VerifyJwt(token, JwtListUri).IsValid.Should().BeTrue("the key was pinned when this verifier was built");
    }

    [Fact]
    public async Task Registered_verifiers_share_the_container_clock_and_the_composed_policy()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddCredentialVerification(
            _ => Options() with { AcceptedVcts = ["urn:example:other"] },
            _ => new HttpClient(_lists, disposeHandler: false));
        using var provider = services.BuildServiceProvider();

        var sdJwtVc = provider.GetRequiredService<SdJwtVcVerifier>();
        var result = await sdJwtVc.VerifyAsync(IssueSdJwtVc(status: null), keyBinding: null);

        sdJwtVc.Should().BeSameAs(provider.GetRequiredService<CredentialVerifiers>().SdJwtVc);
        provider.GetRequiredService<MdocVerifier>().Should().BeSameAs(provider.GetRequiredService<CredentialVerifiers>().Mdoc);
        result.Errors.Select(e => e.Code).Should().Equal(SdJwtVcErrorCodes.VctNotAccepted);
        (await provider.GetRequiredService<MdocVerifier>().VerifyAsync(PresentMdoc(new StatusListReference(1, CwtListUri)), MdocFixture.Transcript()))
            .AllErrors.Select(e => e.Code).Should().Equal(MdocErrorCodes.StatusRevoked);
    }

    [Fact]
    public void A_missing_setting_is_named()
    {
        var act = () => CredentialVerifiers.Create(Options() with { TrustAnchors = null! });

        act.Should().Throw<ArgumentException>().WithMessage("*TrustAnchors*");
    }

    public void Dispose()
    {
        _mdoc.Dispose();
        _sdJwtSignerCertificate.Dispose();
        _statusSignerCertificate.Dispose();
        _sdJwtSigner.Key.Dispose();
        _holder.Key.Dispose();
        _lists.Dispose();
    }

    private CredentialVerificationOptions Options() => new()
    {
        TrustAnchors = TrustAnchorStore.FromCertificates([_mdoc.Root], LevelOfAssurance.High),
    };

    private CredentialVerifiers Create(CredentialVerificationOptions options) =>
        CredentialVerifiers.Create(options, new HttpClient(_lists, disposeHandler: false), _clock);

    private string IssueSdJwtVc(StatusListReference? status) => SdJwtVcIssuer.Issue(
        new SdJwtVcIssuanceRequest
        {
            Vct = PidSdJwtVc.Vct,
            Issuer = "https://pid.example.gov",
            Claims = PidSdJwtVc.ToClaims(MdocFixture.Pid()),
            HolderKey = _holder.PublicJwk,
            IssuedAt = Now.AddMinutes(-1),
            ExpiresAt = Now.AddDays(90),
            Status = status,
        },
        _sdJwtSigner);

    private DeviceResponse PresentMdoc(StatusListReference? status) =>
        MdocPresenter.Present(_mdoc.Issue(_mdoc.PidRequest(status)), _mdoc.DeviceKey, Requested, MdocFixture.Transcript());

    /// <summary>A host's trust source that switches lists, as a trusted-list refresher would.</summary>
    private sealed class SwitchableSource : ITrustAnchorSource
    {
        public required TrustAnchorStore Current { get; set; }

        public int Calls { get; private set; }

        public TrustAnchorStore GetAnchors()
        {
            Calls++;
            return Current;
        }
    }

    /// <summary>Serves status list tokens by URL, binary-safe, and records what each request accepted.</summary>
    private sealed class ListServer : HttpMessageHandler
    {
        private readonly Dictionary<string, (byte[] Body, string MediaType)> _responses = new(StringComparer.Ordinal);

        public int Requests { get; private set; }

        public List<string> Accepted { get; } = [];

        public void Serve(Uri uri, byte[] body, string mediaType) => _responses[uri.AbsoluteUri] = (body, mediaType);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            Accepted.AddRange(request.Headers.Accept.Select(a => a.MediaType!));
            if (!_responses.TryGetValue(request.RequestUri!.AbsoluteUri, out var response))
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
            }

            var content = new ByteArrayContent(response.Body);
            content.Headers.ContentType = new MediaTypeHeaderValue(response.MediaType);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
        }
    }
}
