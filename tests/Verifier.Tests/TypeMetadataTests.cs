using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wallet.Core.Jose;
using Wallet.Core.SdJwtVc;
using Wallet.Core.TypeMetadata;
using Wallet.Verifier.Options;

namespace Wallet.Verifier.Tests;

/// <summary>
/// <c>Verifier:TypeMetadata</c>: the Verifier retrieves the Type Metadata of a presented SD-JWT VC from the configured
/// registry (draft-ietf-oauth-sd-jwt-vc-18 §4.3.2) and fully processes it (§4.7), <c>vct#integrity</c> included (§4.3.4, §5).
/// The registry here serves the exact bytes the Issuer serves at <c>GET /type-metadata/{vct}</c> (<see cref="PidTypeMetadata.Document"/>).
/// </summary>
public sealed class TypeMetadataTests
{
    private const string Registry = "https://issuer.example/type-metadata";

    [Fact]
    public async Task Pid_with_matching_vct_integrity_is_verified_with_type_metadata_processed_4_7()
    {
        var registry = new RegistryHandler(PidTypeMetadata.Document.ToArray());
        using var app = App(registry, required: true);

        var status = await RunAsync(app, TestCredentials.IssuePid(SigningKey.Generate(), vctIntegrity: PidTypeMetadata.Integrity));

        status["status"]!.GetValue<string>().Should().Be("verified", status.ToJsonString());
        registry.Requested.Should().ContainSingle().Which.AbsoluteUri.Should().Be(Registry + "/urn%3Aeudi%3Apid%3A1");
    }

    [Fact]
    public async Task Registry_serving_altered_bytes_is_rejected_with_integrity_mismatch_5()
    {
        // One added space: still the same JSON, but not the bytes vct#integrity was computed over.
        var altered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(PidTypeMetadata.Document.Span) + " ");
        using var app = App(new RegistryHandler(altered), required: false);

        var status = await RunAsync(app, TestCredentials.IssuePid(SigningKey.Generate(), vctIntegrity: PidTypeMetadata.Integrity));

        status["status"]!.GetValue<string>().Should().Be("rejected");
        Api.ErrorCodes(status).Should().Contain(TypeMetadataErrorCodes.IntegrityMismatch);
    }

    [Fact]
    public async Task Wrong_vct_integrity_in_the_credential_is_rejected_with_integrity_mismatch_5()
    {
        using var app = App(new RegistryHandler(PidTypeMetadata.Document.ToArray()), required: false);
        var wrong = IntegrityMetadata.Sha256Of(Encoding.UTF8.GetBytes("{}"));

        var status = await RunAsync(app, TestCredentials.IssuePid(SigningKey.Generate(), vctIntegrity: wrong));

        status["status"]!.GetValue<string>().Should().Be("rejected");
        Api.ErrorCodes(status).Should().Contain(TypeMetadataErrorCodes.IntegrityMismatch);
    }

    [Fact]
    public async Task Unreachable_type_metadata_is_rejected_when_required_4_7()
    {
        using var app = App(new RegistryHandler(null), required: true);

        var status = await RunAsync(app, TestCredentials.IssuePid(SigningKey.Generate(), vctIntegrity: PidTypeMetadata.Integrity));

        status["status"]!.GetValue<string>().Should().Be("rejected");
        Api.ErrorCodes(status).Should().Contain(TypeMetadataErrorCodes.Unavailable);
    }

    [Fact]
    public async Task Unreachable_type_metadata_is_accepted_when_not_required_4_7()
    {
        var registry = new RegistryHandler(null);
        using var app = App(registry, required: false);

        var status = await RunAsync(app, TestCredentials.IssuePid(SigningKey.Generate(), vctIntegrity: PidTypeMetadata.Integrity));

        status["status"]!.GetValue<string>().Should().Be("verified", status.ToJsonString());
        registry.Requested.Should().ContainSingle("retrieval was attempted");
    }

    [Fact]
    public async Task Retrieved_document_is_reused_from_the_cache_and_still_integrity_checked()
    {
        var registry = new RegistryHandler(PidTypeMetadata.Document.ToArray());
        using var app = App(registry, required: true);

        var first = await RunAsync(app, TestCredentials.IssuePid(SigningKey.Generate(), vctIntegrity: PidTypeMetadata.Integrity));
        var wrong = await RunAsync(app, TestCredentials.IssuePid(SigningKey.Generate(), vctIntegrity: IntegrityMetadata.Sha256Of(Encoding.UTF8.GetBytes("{}"))));

        first["status"]!.GetValue<string>().Should().Be("verified", first.ToJsonString());
        Api.ErrorCodes(wrong).Should().Contain(TypeMetadataErrorCodes.IntegrityMismatch);
        registry.Requested.Should().ContainSingle();
    }

    [Fact]
    public async Task Type_metadata_is_not_retrieved_when_disabled()
    {
        var registry = new RegistryHandler(null);
        using var app = new VerifierApp(services: services => services.AddHttpClient("Wallet.Verifier.TypeMetadata").ConfigurePrimaryHttpMessageHandler(() => registry));

        var status = await RunAsync(app, TestCredentials.IssuePid(SigningKey.Generate(), vctIntegrity: PidTypeMetadata.Integrity));

        status["status"]!.GetValue<string>().Should().Be("verified", status.ToJsonString());
        registry.Requested.Should().BeEmpty();
    }

    [Theory]
    [InlineData("Required", "true", "Enabled", "false", "*Verifier:TypeMetadata:Required*")]
    [InlineData("RegistryUrl", "http://issuer.example/type-metadata", "Enabled", "true", "*Verifier:TypeMetadata:RegistryUrl*")]
    [InlineData("RegistryUrl", "https://issuer.example/type-metadata?x=1", "Enabled", "true", "*Verifier:TypeMetadata:RegistryUrl*")]
    [InlineData("TimeoutSeconds", "0", "Enabled", "true", "*Verifier:TypeMetadata:TimeoutSeconds*")]
    [InlineData("MaxDocumentBytes", "100", "Enabled", "true", "*Verifier:TypeMetadata:MaxDocumentBytes*")]
    [InlineData("MaxCachedDocuments", "0", "Enabled", "true", "*Verifier:TypeMetadata:MaxCachedDocuments*")]
    [InlineData("CacheSeconds", "-1", "Enabled", "true", "*Verifier:TypeMetadata:CacheSeconds*")]
    public void Invalid_type_metadata_settings_fail_start_naming_the_setting(string key, string value, string otherKey, string otherValue, string message)
    {
        var act = () => Options(new() { [$"TypeMetadata:{key}"] = value, [$"TypeMetadata:{otherKey}"] = otherValue });

        act.Should().Throw<OptionsValidationException>().WithMessage(message);
    }

    [Fact]
    public void Valid_type_metadata_settings_are_bound()
    {
        var options = Options(new() { ["TypeMetadata:Enabled"] = "true", ["TypeMetadata:Required"] = "true", ["TypeMetadata:RegistryUrl"] = Registry });

        options.TypeMetadata.Should().BeEquivalentTo(new { Enabled = true, Required = true, RegistryUrl = Registry });
    }

    private static VerifierApp App(RegistryHandler registry, bool required) => new(
        settings: new()
        {
            ["Verifier:TypeMetadata:Enabled"] = "true",
            ["Verifier:TypeMetadata:Required"] = required ? "true" : "false",
            ["Verifier:TypeMetadata:RegistryUrl"] = Registry,
        },
        services: services => services.AddHttpClient("Wallet.Verifier.TypeMetadata").ConfigurePrimaryHttpMessageHandler(() => registry));

    private static VerifierOptions Options(Dictionary<string, string?> extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["PublicBaseUrl"] = VerifierApp.PublicBaseUrl,
            ["DataDirectory"] = Path.Combine(Path.GetTempPath(), "verifier-type-metadata-" + Guid.NewGuid().ToString("N")), // never /tmp itself: the Verifier makes its data folder private
            ["TrustAnchors:0"] = TestCredentials.RootPemPath,
            ["RelyingParties:0:Id"] = "rp1",
            ["RelyingParties:0:ApiKeySha256"] = VerifierApp.Sha256Hex(VerifierApp.ApiKey),
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        var services = new ServiceCollection();
        services.AddVerifier(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<VerifierOptions>>().Value;
    }

    private static async Task<JsonNode> RunAsync(VerifierApp app, HeldCredential credential)
    {
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body());
        var run = await EndToEndTests.Wallet(app, credential).RespondAsync(created["authorizationRequestUri"]!.GetValue<string>());
        run.Response.StatusCode.Should().Be(HttpStatusCode.OK, run.Body?.ToJsonString());
        return await Api.StatusAsync(api, created["transactionId"]!.GetValue<string>());
    }

    /// <summary>A Type Metadata registry: serves <c>document</c> as <c>application/json</c> for any path, or 404 when it is null.</summary>
    private sealed class RegistryHandler(byte[]? document) : HttpMessageHandler
    {
        private readonly List<Uri> _requested = [];

        public IReadOnlyList<Uri> Requested
        {
            get
            {
                lock (_requested)
                {
                    return [.. _requested];
                }
            }
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (_requested)
            {
                _requested.Add(request.RequestUri!);
            }

            if (document is null)
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
            }

            var content = new ByteArrayContent(document);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }
}
