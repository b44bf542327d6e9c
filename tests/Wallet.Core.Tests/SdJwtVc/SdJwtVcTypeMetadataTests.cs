using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Wallet.Core.Claims;
using Wallet.Core.Development;
using Wallet.Core.Jose;
using Wallet.Core.SdJwt;
using Wallet.Core.SdJwtVc;
using Wallet.Core.Tests.StatusList;
using Wallet.Core.Trust;
using Wallet.Core.TypeMetadata;

namespace Wallet.Core.Tests.SdJwtVc;

/// <summary>An SD-JWT VC verifier that processes Type Metadata (draft-ietf-oauth-sd-jwt-vc-18 §2.4, §4.7).</summary>
public sealed class SdJwtVcTypeMetadataTests : IDisposable
{
    private const string Audience = "x509_san_dns:rp.example";
    private const string Nonce = "fresh-nonce-1";
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Now);
    private readonly X509Certificate2 _root = DevelopmentCertificates.CreateRootCa(Now.AddDays(-10), "PID Test IACA");
    private readonly X509Certificate2 _issuerCertificate;
    private readonly SigningKey _issuerKey;
    private readonly SigningKey _holder = SigningKey.Generate();
    private readonly StubHttpHandler _handler = new();

    public SdJwtVcTypeMetadataTests()
    {
        _issuerCertificate = DevelopmentCertificates.CreateSigner(_root, Now.AddDays(-1), "PID Provider Test");
        _issuerKey = DevelopmentCertificates.ToSigningKey(_issuerCertificate);
    }

    public void Dispose()
    {
        _root.Dispose();
        _issuerCertificate.Dispose();
        _handler.Dispose();
    }

    [Fact]
    public async Task Pid_with_vct_integrity_passes_the_pid_type_metadata_and_exposes_its_labels_draft_ietf_oauth_sd_jwt_vc_4_7()
    {
        var presentation = Present(Issue(), ClaimPath.Of("given_name"), ClaimPath.Of("family_name"));

        var result = await Verifier(PidTypeMetadata.Registry()).VerifyAsync(presentation, new KeyBindingExpectation(Audience, Nonce));

        result.Errors.Should().BeEmpty();
        result.TypeMetadata!.DisplayFor("nb")!.Name.Should().Be("Personidentifikasjon");
        result.TypeMetadata.LabelFor(ClaimPath.Of("given_name"), "nb")!.Label.Should().Be("Fornavn");
        result.TypeMetadata.LabelFor(ClaimPath.Of("given_name"), "en")!.Label.Should().Be("Given name");
    }

    [Fact]
    public async Task Type_metadata_that_does_not_match_vct_integrity_rejects_the_credential_draft_ietf_oauth_sd_jwt_vc_5()
    {
        var otherDocument = Registry(Encoding.UTF8.GetString(PidTypeMetadata.Document.Span).Replace("Fornavn", "Fornamn", StringComparison.Ordinal));

        var result = await Verifier(otherDocument).VerifyAsync(Present(Issue(), ClaimPath.Of("given_name")), new KeyBindingExpectation(Audience, Nonce));

        result.IsValid.Should().BeFalse();
        result.Errors.Select(e => e.Code).Should().Equal(TypeMetadataErrorCodes.IntegrityMismatch);
        result.TypeMetadata.Should().BeNull();
    }

    [Fact]
    public async Task Claim_that_sd_always_wants_disclosable_but_was_issued_plainly_rejects_the_credential_draft_ietf_oauth_sd_jwt_vc_4_6_4()
    {
        var plain = SdJwtVcIssuer.Issue(Request() with { SelectivelyDisclosable = [] }, _issuerKey);

        var result = await Verifier(PidTypeMetadata.Registry()).VerifyAsync(Present(plain), new KeyBindingExpectation(Audience, Nonce));

        result.IsValid.Should().BeFalse();
        result.Errors.Select(e => e.Code).Should().OnlyContain(c => c == TypeMetadataErrorCodes.ClaimMustBeSelectivelyDisclosable);
        result.Errors.Should().Contain(e => e.Message.Contains("given_name", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Claim_that_sd_never_forbids_to_be_disclosable_but_was_disclosed_rejects_the_credential_draft_ietf_oauth_sd_jwt_vc_4_6_4()
    {
        var metadata = Registry("""{"vct":"urn:eudi:pid:1","claims":[{"path":["given_name"],"sd":"never"}]}""");

        var result = await Verifier(metadata).VerifyAsync(Present(SdJwtVcIssuer.Issue(Request() with { VctIntegrity = null }, _issuerKey), ClaimPath.Of("given_name")), new KeyBindingExpectation(Audience, Nonce));

        result.Errors.Select(e => e.Code).Should().Equal(TypeMetadataErrorCodes.ClaimMustNotBeSelectivelyDisclosable);
    }

    [Fact]
    public async Task Mandatory_claim_that_can_never_be_hidden_and_is_absent_rejects_the_credential_draft_ietf_oauth_sd_jwt_vc_4_6_3()
    {
        var metadata = Registry("""{"vct":"urn:eudi:pid:1","claims":[{"path":["document_number"],"mandatory":true,"sd":"never"}]}""");

        var result = await Verifier(metadata).VerifyAsync(Present(SdJwtVcIssuer.Issue(Request() with { VctIntegrity = null }, _issuerKey)), new KeyBindingExpectation(Audience, Nonce));

        result.Errors.Select(e => e.Code).Should().Equal(TypeMetadataErrorCodes.MandatoryClaimMissing);
        result.Errors[0].Message.Should().Contain("document_number");
    }

    [Fact]
    public async Task Unreachable_type_metadata_rejects_only_when_policy_requires_it_draft_ietf_oauth_sd_jwt_vc_4_7()
    {
        _handler.Respond = (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        var source = new HttpTypeMetadataSource(new HttpClient(_handler, disposeHandler: false), _clock, new HttpTypeMetadataSourceOptions { Registry = new Uri("https://issuer.example/type-metadata") });
        var token = Present(Issue(), ClaimPath.Of("given_name"));

        var required = await Verifier(source, require: true).VerifyAsync(token, new KeyBindingExpectation(Audience, Nonce));
        var optional = await Verifier(source, require: false).VerifyAsync(Present(Issue(), ClaimPath.Of("given_name")), new KeyBindingExpectation(Audience, Nonce));

        required.Errors.Select(e => e.Code).Should().Equal(TypeMetadataErrorCodes.Unavailable);
        optional.Errors.Should().BeEmpty();
        optional.TypeMetadata.Should().BeNull();
    }

    [Fact]
    public void Issuer_refuses_a_vct_integrity_that_is_not_sri_draft_ietf_oauth_sd_jwt_vc_4_3()
    {
        var act = () => SdJwtVcIssuer.Issue(Request() with { VctIntegrity = "sha256-short" }, _issuerKey);

        act.Should().Throw<ArgumentException>();
    }

    private static LocalTypeMetadataRegistry Registry(string json) =>
        new(new Dictionary<string, ReadOnlyMemory<byte>> { [PidSdJwtVc.Vct] = Encoding.UTF8.GetBytes(json) });

    private SdJwtVcIssuanceRequest Request() => new()
    {
        Vct = PidSdJwtVc.Vct,
        VctIntegrity = PidTypeMetadata.Integrity,
        Issuer = "https://pid.example.gov",
        Claims = PidSdJwtVc.ToClaims(SdJwtVcTests.Person),
        HolderKey = _holder.PublicJwk,
        IssuedAt = Now.AddMinutes(-1),
        ExpiresAt = Now.AddDays(90),
    };

    private string Issue() => SdJwtVcIssuer.Issue(Request(), _issuerKey);

    private string Present(string issued, params ClaimPath[] disclose)
    {
        Wallet.Core.SdJwt.SdJwt.TryParse(issued, SdJwtLimits.Default, out var sdJwt, out var error).Should().BeTrue(error?.ToString());
        return SdJwtHolder.Present(sdJwt!, disclose, new KeyBindingOptions(_holder, Audience, Nonce, _clock.GetUtcNow()));
    }

    private SdJwtVcVerifier Verifier(ITypeMetadataSource source, bool require = true) => new(new SdJwtVcVerifierOptions
    {
        TrustValidator = new X509ChainValidator(TrustAnchorStore.FromCertificates([_root])),
        TimeProvider = _clock,
        TypeMetadata = new TypeMetadataProcessor([source]),
        RequireTypeMetadata = require,
    });
}
