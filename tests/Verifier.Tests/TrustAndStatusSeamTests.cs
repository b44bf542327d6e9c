using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wallet.Core.Jose;
using Wallet.Core.Mdoc;
using Wallet.Core.SdJwtVc;
using Wallet.Core.StatusList;
using Wallet.Core.Trust;
using Wallet.Verifier.Options;

namespace Wallet.Verifier.Tests;

/// <summary>
/// VerifierBuilder.UseTrustSource and UseStatusChecker: a host's own trust source and status checker take the place of
/// the configured anchor files and of status list fetching, for SD-JWT VCs and mdocs alike.
/// </summary>
public sealed class TrustAndStatusSeamTests
{
    private const string MdocQuery = """{"credentials":[{"id":"pid_mdoc","format":"mso_mdoc","meta":{"doctype_value":"eu.europa.ec.eudi.pid.1"},"claims":[{"path":["eu.europa.ec.eudi.pid.1","given_name"]}]}]}""";

    [Fact]
    public async Task Host_trust_source_that_trusts_the_test_CA_verifies_and_is_asked()
    {
        var anchors = new HostAnchors(TrustAnchorStore.FromFiles([TestCredentials.RootPemPath], LevelOfAssurance.High));
        using var app = new VerifierApp(services: services => new VerifierBuilder(services.AddSingleton(anchors)).UseTrustSource<HostTrustSource>());

        var status = await RunSdJwtVcAsync(app, TestCredentials.IssuePid(SigningKey.Generate()));

        status["status"]!.GetValue<string>().Should().Be("verified", status.ToJsonString());
        anchors.Calls.Should().BePositive();
    }

    [Fact]
    public async Task Host_trust_source_replaces_the_configured_files_so_what_it_does_not_trust_is_rejected()
    {
        // The configured PEM file trusts the test CA; the host's source, which replaces it, trusts nothing.
        var anchors = new HostAnchors(TrustAnchorStore.Empty);
        using var app = new VerifierApp(services: services => new VerifierBuilder(services.AddSingleton(anchors)).UseTrustSource<HostTrustSource>());

        var status = await RunSdJwtVcAsync(app, TestCredentials.IssuePid(SigningKey.Generate()));

        status["status"]!.GetValue<string>().Should().Be("rejected");
        Api.ErrorCodes(status).Should().Contain(TrustErrorCodes.UntrustedRoot);
    }

    [Fact]
    public async Task Host_status_checker_that_reports_revoked_rejects_an_sd_jwt_vc_listed_valid()
    {
        var checker = new RevokedEverywhere();
        using var app = new VerifierApp(services: services => new VerifierBuilder(services.AddSingleton(checker)).UseStatusChecker<HostStatusChecker>());

        var status = await RunSdJwtVcAsync(app, TestCredentials.IssuePid(SigningKey.Generate()));

        status["status"]!.GetValue<string>().Should().Be("rejected");
        Api.ErrorCodes(status).Should().Contain(SdJwtVcErrorCodes.Revoked);
        checker.Asked.Should().Equal(new StatusListReference(5, TestCredentials.ValidList));
    }

    [Fact]
    public async Task Host_status_checker_that_reports_revoked_rejects_an_mdoc_listed_valid()
    {
        var checker = new RevokedEverywhere();
        using var app = new VerifierApp(services: services => new VerifierBuilder(services.AddSingleton(checker)).UseStatusChecker<HostStatusChecker>());
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body(query: MdocQuery));

        var run = await MdocEndToEndTests.MdocWallet(app).RespondAsync(created["authorizationRequestUri"]!.GetValue<string>());

        run.Response.StatusCode.Should().Be(HttpStatusCode.OK, run.Body?.ToJsonString());
        var status = await Api.StatusAsync(api, created["transactionId"]!.GetValue<string>());
        status["status"]!.GetValue<string>().Should().Be("rejected");
        Api.ErrorCodes(status).Should().Contain(MdocErrorCodes.StatusRevoked);
        checker.Asked.Should().ContainSingle();
    }

    [Fact]
    public void A_host_with_its_own_trust_source_is_not_asked_for_anchor_files()
    {
        var withSource = Options(builder => builder.UseTrustSource<HostTrustSource>());
        var withoutSource = () => Options(_ => { });

        withSource.TrustAnchors.Should().BeEmpty();
        withoutSource.Should().Throw<OptionsValidationException>().WithMessage("*Verifier:TrustAnchors*");
    }

    private static VerifierOptions Options(Action<VerifierBuilder> use)
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PublicBaseUrl"] = VerifierApp.PublicBaseUrl,
            ["DataDirectory"] = Path.Combine(Path.GetTempPath(), "verifier-seams-" + Guid.NewGuid().ToString("N")), // never /tmp itself: the Verifier makes its data folder private (0700)
            ["RelyingParties:0:Id"] = "rp1",
            ["RelyingParties:0:ApiKeySha256"] = VerifierApp.Sha256Hex(VerifierApp.ApiKey),
        }).Build();
        var builder = services.AddSingleton(new HostAnchors(TrustAnchorStore.Empty)).AddVerifier(configuration);
        use(builder);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<VerifierOptions>>().Value;
    }

    private static async Task<JsonNode> RunSdJwtVcAsync(VerifierApp app, HeldCredential credential)
    {
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body());
        var run = await EndToEndTests.Wallet(app, credential).RespondAsync(created["authorizationRequestUri"]!.GetValue<string>());
        run.Response.StatusCode.Should().Be(HttpStatusCode.OK, run.Body?.ToJsonString());
        return await Api.StatusAsync(api, created["transactionId"]!.GetValue<string>());
    }

    /// <summary>What the host's trust source hands out, and how often it was asked.</summary>
    public sealed class HostAnchors(TrustAnchorStore store)
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public TrustAnchorStore Get()
        {
            Interlocked.Increment(ref _calls);
            return store;
        }
    }

    /// <summary>A host's own trust source, as one over an EU trusted list would be, created by the container.</summary>
    public sealed class HostTrustSource(HostAnchors anchors) : ITrustAnchorSource
    {
        public TrustAnchorStore GetAnchors() => anchors.Get();
    }

    /// <summary>What the host's status service answers: every credential is revoked.</summary>
    public sealed class RevokedEverywhere
    {
        private readonly List<StatusListReference> _asked = [];

        public IReadOnlyList<StatusListReference> Asked
        {
            get
            {
                lock (_asked)
                {
                    return [.. _asked];
                }
            }
        }

        public TokenStatusCheckResult Check(StatusListReference reference)
        {
            lock (_asked)
            {
                _asked.Add(reference);
            }

            return TokenStatusCheckResult.Checked((byte)TokenStatus.Invalid);
        }
    }

    /// <summary>A host's own status checker (for example over its register's revocation feed), created by the container.</summary>
    public sealed class HostStatusChecker(RevokedEverywhere answers) : ITokenStatusChecker
    {
        public ValueTask<TokenStatusCheckResult> CheckAsync(StatusListReference reference, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(answers.Check(reference));
    }
}
