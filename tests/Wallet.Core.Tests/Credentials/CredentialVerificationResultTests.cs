using System.Security.Cryptography.X509Certificates;
using Wallet.Core.Claims;
using Wallet.Core.Credentials;
using Wallet.Core.Development;
using Wallet.Core.Jose;
using Wallet.Core.Mdoc;
using Wallet.Core.Pid;
using Wallet.Core.SdJwt;
using Wallet.Core.SdJwtVc;
using Wallet.Core.StatusList;
using Wallet.Core.Tests.TestSupport;
using Wallet.Core.Trust;

namespace Wallet.Core.Tests.Credentials;

/// <summary>
/// One PID issued in both formats under one PKI (root, intermediate, signers) fills the shared result surface the same
/// way: status, errors, the validated chain, the Issuer, the level of assurance, holder binding, person vs technical claims
/// and the read-back to the PID record.
/// </summary>
public sealed class CredentialVerificationResultTests : IDisposable
{
    private const string Audience = "x509_san_dns:verifier.example";
    private const string Nonce = "n-0S6_WzA2Mj";
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private readonly FixedTimeProvider _clock = new(Now);
    private readonly X509Certificate2 _root = DevelopmentCertificates.CreateRootCa(Now.AddDays(-30), "PID Test Root", pathLength: 1);
    private readonly X509Certificate2 _intermediate;
    private readonly X509Certificate2 _sdJwtSigner;
    private readonly X509Certificate2 _documentSigner;
    private readonly SigningKey _holder = SigningKey.Generate();

    public CredentialVerificationResultTests()
    {
        _intermediate = DevelopmentCertificates.CreateIntermediateCa(_root, Now.AddDays(-20), "PID Test Intermediate");
        _sdJwtSigner = DevelopmentCertificates.CreateSigner(_intermediate, Now.AddDays(-10), "PID Test SD-JWT VC Issuer");
        _documentSigner = DevelopmentCertificates.CreateDocumentSigner(_intermediate, Now.AddDays(-10), "PID Test Document Signer");
    }

    public static PersonIdentificationData Person { get; } = new()
    {
        FamilyName = "Nordmann",
        GivenName = "Kari",
        BirthDate = new DateOnly(1985, 4, 12),
        PlaceOfBirth = new PlaceOfBirth(Country: "NO", Locality: "Tromsø"),
        Nationalities = ["NO", "SE"],
        Portrait = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x01, 0x02 },

        // No house number: mdoc has no element for it, so it could not be read back from both formats.
        Address = new ResidentAddress { Formatted = "Storgata 1, 0150 Oslo", Country = "NO", Locality = "Oslo", PostalCode = "0150", Street = "Storgata" },
        PersonalAdministrativeNumber = "12345678901",
        FamilyNameAtBirth = "Hansen",
        Sex = 2,
        EmailAddress = "kari@example.no",
        MobilePhoneNumber = "+4712345678",
        IssuingAuthority = "Test PID Authority",
        IssuingCountry = "NO",
        ExpiryDate = new DateOnly(2031, 11, 1),
        IssuanceDate = new DateOnly(2026, 11, 1),
        DocumentNumber = "PID-0001",
        IssuingJurisdiction = "NO-03",
    };

    [Fact]
    public async Task The_same_pid_in_both_formats_reads_back_to_the_same_record_PID_Rule_Book_2()
    {
        var sdJwt = await VerifySdJwtVcAsync();
        var mdoc = await VerifyMdocAsync();

        sdJwt.Errors.Should().BeEmpty();
        mdoc.Errors.Should().BeEmpty();
        var fromSdJwt = sdJwt.ToPid();
        var fromMdoc = mdoc.ToPid();
        fromSdJwt.Should().BeEquivalentTo(Person, o => o.Excluding(p => p.Portrait));
        fromMdoc.Should().BeEquivalentTo(fromSdJwt, o => o.Excluding(p => p.Portrait));
        fromSdJwt.Portrait!.Value.ToArray().Should().Equal(Person.Portrait!.Value.ToArray());
        fromMdoc.Portrait!.Value.ToArray().Should().Equal(Person.Portrait!.Value.ToArray());
    }

    [Fact]
    public async Task Both_formats_fill_the_shared_surface_with_the_validated_chain_leaf_first_and_the_anchor_level_of_assurance()
    {
        CredentialVerificationResult[] results = [await VerifySdJwtVcAsync(), await VerifyMdocAsync()];

        results.Select(r => r.Format).Should().Equal("dc+sd-jwt", "mso_mdoc");
        results[0].IssuerChain.Select(c => c.Subject).Should().Equal(_sdJwtSigner.Subject, _intermediate.Subject, _root.Subject);
        results[1].IssuerChain.Select(c => c.Subject).Should().Equal(_documentSigner.Subject, _intermediate.Subject, _root.Subject);
        results[0].Issuer.Should().Be("https://pid.example.no", "an SD-JWT VC names its Issuer in 'iss'");
        results[1].Issuer.Should().Be(_documentSigner.Subject, "an mdoc names no Issuer; the document signer does");
        foreach (var result in results)
        {
            result.IsValid.Should().BeTrue();
            result.IssuerCertificate!.Subject.Should().Be(result.IssuerChain[0].Subject);
            result.IssuerChain[^1].RawData.Should().Equal(_root.RawData, "the chain ends at the trust anchor it validated to");
            result.TrustAnchor!.Certificate.RawData.Should().Equal(_root.RawData);
            result.LevelOfAssurance.Should().Be(LevelOfAssurance.High, "the anchor is tagged High and the credential carries no level of its own");
            result.Status.Should().Be(CredentialStatus.None);
            result.StatusReference.Should().BeNull();
            result.HolderBinding.Outcome.Should().Be(HolderBindingOutcome.Verified);
            result.HolderBinding.Key!.ComputeThumbprintBase64Url().Should().Be(_holder.PublicJwk.ComputeThumbprintBase64Url());
        }
    }

    [Theory]
    [InlineData(LevelOfAssurance.Substantial)]
    [InlineData(null)]
    public async Task Level_of_assurance_is_the_one_the_trust_anchor_is_tagged_with_in_both_formats(LevelOfAssurance? anchorLevel)
    {
        var sdJwt = await VerifySdJwtVcAsync(anchorLevel: anchorLevel);
        var mdoc = await VerifyMdocAsync(anchorLevel: anchorLevel);

        sdJwt.LevelOfAssurance.Should().Be(anchorLevel);
        mdoc.LevelOfAssurance.Should().Be(anchorLevel);
    }

    [Fact]
    public async Task An_untrusted_chain_is_never_handed_out_and_errors_name_the_failed_check_in_both_formats()
    {
        using var otherRoot = DevelopmentCertificates.CreateRootCa(Now.AddDays(-30), "Other Root");

        CredentialVerificationResult[] results = [await VerifySdJwtVcAsync(anchor: otherRoot), await VerifyMdocAsync(anchor: otherRoot)];

        results[0].Errors.Select(e => e.Code).Should().Contain(TrustErrorCodes.UntrustedRoot);
        results[1].Errors.Select(e => e.Code).Should().Contain(MdocErrorCodes.ChainUntrusted);
        foreach (var result in results)
        {
            result.IsValid.Should().BeFalse();
            result.IssuerChain.Should().BeEmpty();
            result.IssuerCertificate.Should().BeNull();
            result.TrustAnchor.Should().BeNull();
            result.LevelOfAssurance.Should().BeNull();
            result.Claims.Should().BeNull();
            result.TechnicalClaims.Should().BeNull();
            result.HolderBinding.Key.Should().BeNull("a key named by an untrusted credential is not handed out");
            result.HolderBinding.Outcome.Should().Be(HolderBindingOutcome.NotEstablished);
            result.Invoking(r => r.ToPid()).Should().Throw<InvalidOperationException>().WithMessage("*did not verify*");
        }
    }

    [Fact]
    public async Task Sd_jwt_vc_presented_without_key_binding_reports_holder_binding_not_requested_RFC9901_7_3()
    {
        var result = await VerifySdJwtVcAsync(withKeyBinding: false);

        result.IsValid.Should().BeTrue();
        result.HolderBinding.Outcome.Should().Be(HolderBindingOutcome.NotRequested);
        result.HolderBinding.Key.Should().BeNull();
        result.HolderBinding.IsVerified.Should().BeFalse();
    }

    [Fact]
    public async Task Sd_jwt_vc_with_a_kb_jwt_for_another_nonce_reports_holder_binding_failed_RFC9901_7_3()
    {
        var result = await VerifySdJwtVcAsync(expectedNonce: "another-nonce");

        result.Errors.Select(e => e.Code).Should().Equal(SdJwtErrorCodes.KeyBindingNonceMismatch);
        result.HolderBinding.Outcome.Should().Be(HolderBindingOutcome.Failed);
        result.HolderBinding.Key.Should().BeNull();
    }

    [Fact]
    public async Task Sd_jwt_vc_whose_kb_jwt_holds_but_another_check_fails_reports_holder_binding_not_established()
    {
        var result = await VerifySdJwtVcAsync(acceptedVct: "urn:eudi:other:1");

        result.Errors.Select(e => e.Code).Should().Equal(SdJwtVcErrorCodes.VctNotAccepted);
        result.HolderBinding.Outcome.Should().Be(HolderBindingOutcome.NotEstablished);
        result.HolderBinding.Key.Should().BeNull();
    }

    [Fact]
    public async Task Mdoc_issuer_data_alone_reports_holder_binding_not_requested_ISO18013_5_9_3_1()
    {
        var issued = IssueMdoc();
        var verifier = new MdocVerifier(new MdocVerifierOptions { ChainValidator = Validator(_root, LevelOfAssurance.High), TimeProvider = _clock });

        var result = await verifier.VerifyIssuerSignedAsync(issued);

        result.IsValid.Should().BeTrue();
        result.HolderBinding.Outcome.Should().Be(HolderBindingOutcome.NotRequested);
        result.HolderBinding.Key.Should().BeNull();
        result.ToPid().Should().BeEquivalentTo(Person, o => o.Excluding(p => p.Portrait));
    }

    [Fact]
    public async Task Mdoc_device_signature_over_another_session_reports_holder_binding_failed_ISO18013_5_9_1_3_6()
    {
        var result = await VerifyMdocAsync(presentedNonce: "another-nonce");

        result.Errors.Select(e => e.Code).Should().Equal(MdocErrorCodes.DeviceSignatureInvalid);
        result.HolderBinding.Outcome.Should().Be(HolderBindingOutcome.Failed);
        result.HolderBinding.Key.Should().BeNull();
    }

    [Fact]
    public async Task Person_claims_exclude_the_technical_ones_SDJWTVC_2_2_2()
    {
        var result = await VerifySdJwtVcAsync(status: new StatusListReference(7, new Uri("https://pid.example.no/status/1")), statusChecker: new ListedStatus(TokenStatus.Valid));

        result.IsValid.Should().BeTrue(string.Join(" | ", result.Errors));
        result.Claims!.Select(c => c.Key).Should().Contain(new[] { "given_name", "family_name", "birthdate", "nationalities", "address" })
            .And.NotContain(new[] { "iss", "iat", "exp", "cnf", "status", "vct", "_sd_alg", "_sd" });
        result.TechnicalClaims!.Select(c => c.Key).Should().BeEquivalentTo(new[] { "iss", "iat", "exp", "cnf", "status", "vct" });
        result.TechnicalClaims!["vct"]!.GetValue<string>().Should().Be(PidSdJwtVc.Vct);
        result.Payload!.Select(c => c.Key).Should().Contain(new[] { "iss", "given_name" }, "DCQL is matched against the whole processed payload");
    }

    [Fact]
    public async Task Mdoc_person_claims_are_the_elements_and_the_mso_data_is_technical_ISO18013_5_9_1_2_4()
    {
        var result = await VerifyMdocAsync();

        result.Claims!.Select(c => c.Key).Should().Equal(PidMdoc.NameSpace);
        result.Claims![PidMdoc.NameSpace]![PidMdoc.GivenName]!.GetValue<string>().Should().Be("Kari");
        result.TechnicalClaims!["docType"]!.GetValue<string>().Should().Be(PidMdoc.DocType);
        result.TechnicalClaims["validityInfo"]!["validUntil"]!.GetValue<string>().Should().Be("2026-12-23T12:00:00Z");
    }

    [Theory]
    [InlineData(TokenStatus.Valid, CredentialStatus.Valid)]
    [InlineData(TokenStatus.Invalid, CredentialStatus.Revoked)]
    [InlineData(TokenStatus.Suspended, CredentialStatus.Suspended)]
    [InlineData((TokenStatus)3, CredentialStatus.Other)]
    public async Task Status_is_one_type_with_the_same_value_for_both_formats_TokenStatusList_7_1(TokenStatus listed, CredentialStatus expected)
    {
        var reference = new StatusListReference(7, new Uri("https://pid.example.no/status/1"));

        CredentialVerificationResult[] results =
        [
            await VerifySdJwtVcAsync(status: reference, statusChecker: new ListedStatus(listed)),
            await VerifyMdocAsync(status: reference, statusChecker: new ListedStatus(listed)),
        ];

        foreach (var result in results)
        {
            result.Status.Should().Be(expected);
            result.StatusReference.Should().Be(reference);
            result.IsValid.Should().Be(expected == CredentialStatus.Valid);
            result.Errors.Should().HaveCount(expected == CredentialStatus.Valid ? 0 : 1, "a status other than VALID is exactly one failed check");
        }
    }

    [Fact]
    public async Task A_pid_with_an_undisclosed_mandatory_claim_is_not_read_back_and_the_problem_names_it()
    {
        var sdJwt = await VerifySdJwtVcAsync(disclose: [ClaimPath.Of("given_name"), ClaimPath.Of("birthdate")]);
        var mdoc = await VerifyMdocAsync(disclose: [ClaimPath.Of(PidMdoc.NameSpace, PidMdoc.GivenName), ClaimPath.Of(PidMdoc.NameSpace, PidMdoc.BirthDate)]);

        sdJwt.IsValid.Should().BeTrue();
        mdoc.IsValid.Should().BeTrue();
        sdJwt.TryGetPid(out var pid, out var problem).Should().BeFalse();
        pid.Should().BeNull();
        problem.Should().Contain("'family_name'").And.Contain("not have been disclosed");
        mdoc.TryGetPid(out _, out problem).Should().BeFalse();
        problem.Should().Contain("'family_name'");
        mdoc.Invoking(r => r.ToPid()).Should().Throw<InvalidOperationException>().WithMessage("*'family_name'*");
    }

    [Fact]
    public async Task A_credential_of_another_type_is_not_read_back_as_a_pid()
    {
        var result = await VerifySdJwtVcAsync(vct: "urn:eudi:other:1");

        result.IsValid.Should().BeTrue();
        result.TryGetPid(out _, out var problem).Should().BeFalse();
        problem.Should().Contain("'urn:eudi:other:1'").And.Contain(PidSdJwtVc.Vct);
    }

    public void Dispose()
    {
        _holder.Key.Dispose();
        _sdJwtSigner.Dispose();
        _documentSigner.Dispose();
        _intermediate.Dispose();
        _root.Dispose();
    }

    private async Task<SdJwtVcVerificationResult> VerifySdJwtVcAsync(
        X509Certificate2? anchor = null,
        LevelOfAssurance? anchorLevel = LevelOfAssurance.High,
        bool withKeyBinding = true,
        string expectedNonce = Nonce,
        string? acceptedVct = null,
        string vct = PidSdJwtVc.Vct,
        StatusListReference? status = null,
        ITokenStatusChecker? statusChecker = null,
        IReadOnlyList<ClaimPath>? disclose = null)
    {
        var signingKey = DevelopmentCertificates.ToSigningKey(_sdJwtSigner, [_intermediate]);
        using var ownedKey = signingKey.Key;
        var issued = SdJwtVcIssuer.Issue(
            new SdJwtVcIssuanceRequest
            {
                Vct = vct,
                Issuer = "https://pid.example.no",
                Claims = PidSdJwtVc.ToClaims(Person),
                HolderKey = _holder.PublicJwk,
                IssuedAt = Now.AddMinutes(-1),
                ExpiresAt = Now.AddDays(90),
                Status = status,
            },
            signingKey);
        Wallet.Core.SdJwt.SdJwt.TryParse(issued, SdJwtLimits.Default, out var sdJwt, out var error).Should().BeTrue(error?.ToString());
        var presentation = SdJwtHolder.Present(
            sdJwt!,
            disclose ?? SdJwtHolder.GetDisclosablePaths(sdJwt!),
            withKeyBinding ? new KeyBindingOptions(_holder, Audience, Nonce, Now) : null);
        var verifier = new SdJwtVcVerifier(new SdJwtVcVerifierOptions
        {
            TrustValidator = Validator(anchor ?? _root, anchorLevel),
            TimeProvider = _clock,
            AcceptedVcts = acceptedVct is null ? [] : [acceptedVct],
            StatusChecker = statusChecker,
        });
        return await verifier.VerifyAsync(presentation, withKeyBinding ? new KeyBindingExpectation(Audience, expectedNonce) : null);
    }

    private async Task<MdocDocumentResult> VerifyMdocAsync(
        X509Certificate2? anchor = null,
        LevelOfAssurance? anchorLevel = LevelOfAssurance.High,
        string presentedNonce = Nonce,
        StatusListReference? status = null,
        ITokenStatusChecker? statusChecker = null,
        IReadOnlyList<ClaimPath>? disclose = null)
    {
        var issued = IssueMdoc(status);
        var requested = disclose ?? issued.NameSpaces.SelectMany(ns => ns.Value.Select(item => ClaimPath.Of(ns.Key, item.ElementIdentifier))).ToArray();
        var response = MdocPresenter.Present(issued, _holder, requested, Transcript(presentedNonce));
        var verifier = new MdocVerifier(new MdocVerifierOptions { ChainValidator = Validator(anchor ?? _root, anchorLevel), TimeProvider = _clock, StatusChecker = statusChecker });
        var result = await verifier.VerifyAsync(response, Transcript(Nonce));
        result.Errors.Should().BeEmpty();
        return result.Documents.Should().ContainSingle().Subject;
    }

    private IssuerSigned IssueMdoc(StatusListReference? status = null)
    {
        var signingKey = DevelopmentCertificates.ToSigningKey(_documentSigner, [_intermediate]);
        using var ownedKey = signingKey.Key;
        var request = PidMdoc.CreateIssuanceRequest(Person, CoseKey.FromJwk(_holder.PublicJwk), Now.AddMinutes(-1), Now.AddDays(30)) with { Status = status };
        return new MdocIssuer(new FixedTimeProvider(Now.AddMinutes(-1))).Issue(request, signingKey);
    }

    private static SessionTranscript Transcript(string nonce) =>
        SessionTranscript.ForOpenId4VpRedirect(Audience, nonce, ResponseEncryption.None, "https://verifier.example/response");

    private static X509ChainValidator Validator(X509Certificate2 anchor, LevelOfAssurance? level) =>
        new(TrustAnchorStore.FromCertificates([X509CertificateLoader.LoadCertificate(anchor.RawData)], level));

    // A host-supplied status checker that answers one value for every entry, as a verified list would.
    private sealed class ListedStatus(TokenStatus status) : ITokenStatusChecker
    {
        public ValueTask<TokenStatusCheckResult> CheckAsync(StatusListReference reference, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(TokenStatusCheckResult.Checked((byte)status));
    }
}
