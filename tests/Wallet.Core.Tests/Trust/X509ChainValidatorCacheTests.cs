using System.Security.Cryptography.X509Certificates;
using Wallet.Core.Development;
using Wallet.Core.Tests.TestSupport;
using Wallet.Core.Trust;

namespace Wallet.Core.Tests.Trust;

/// <summary>The success cache must save work without ever changing a verdict.</summary>
public sealed class X509ChainValidatorCacheTests : IDisposable
{
    private readonly X509Certificate2 _root = TestPki.Root();
    private readonly X509Certificate2 _leaf;
    private readonly FixedTimeProvider _cacheClock = new(TestPki.Now);

    public X509ChainValidatorCacheTests()
    {
        _leaf = DevelopmentCertificates.CreateSigner(_root, TestPki.Now.AddDays(-10), validity: TimeSpan.FromDays(30));
    }

    [Fact]
    public void Second_validation_of_the_same_chain_is_served_from_the_cache()
    {
        var validator = Validator();

        var first = validator.Validate([_leaf], CertificateUsage.SdJwtVcIssuer, TestPki.Now);
        var second = validator.Validate([_leaf], CertificateUsage.SdJwtVcIssuer, TestPki.Now.AddDays(1));

        first.IsValid.Should().BeTrue();
        second.IsValid.Should().BeTrue();
        second.TrustAnchor.Should().Be(first.TrustAnchor);
        validator.CacheHits.Should().Be(1);
    }

    [Fact]
    public void Cached_success_hands_out_the_certificates_of_this_call_leaf_first_ending_at_the_anchor()
    {
        var validator = Validator();
        using var copy = X509CertificateLoader.LoadCertificate(_leaf.RawData);
        validator.Validate([_leaf], CertificateUsage.SdJwtVcIssuer, TestPki.Now).IsValid.Should().BeTrue();

        var cached = validator.Validate([copy], CertificateUsage.SdJwtVcIssuer, TestPki.Now);

        validator.CacheHits.Should().Be(1);
        cached.Chain.Should().HaveCount(2);
        cached.Chain[0].Should().BeSameAs(copy, "the caller may dispose the certificates of an earlier call");
        cached.Chain[1].RawData.Should().Equal(_root.RawData);
    }

    [Fact]
    public void Cached_success_never_hides_expiry()
    {
        var validator = Validator();
        validator.Validate([_leaf], CertificateUsage.SdJwtVcIssuer, TestPki.Now).IsValid.Should().BeTrue();

        var later = validator.Validate([_leaf], CertificateUsage.SdJwtVcIssuer, TestPki.Now.AddDays(60));

        later.Errors.Select(e => e.Code).Should().Contain(TrustErrorCodes.CertificateExpired);
        validator.CacheHits.Should().Be(0);
    }

    [Fact]
    public void Cached_success_for_one_usage_is_not_reused_for_another()
    {
        var validator = Validator();
        validator.Validate([_leaf], CertificateUsage.SdJwtVcIssuer, TestPki.Now).IsValid.Should().BeTrue();

        var asDocumentSigner = validator.Validate([_leaf], CertificateUsage.MdocDocumentSigner, TestPki.Now);

        asDocumentSigner.Errors.Select(e => e.Code).Should().Contain(TrustErrorCodes.EkuMissing);
    }

    [Fact]
    public void Entries_older_than_the_cache_duration_are_validated_again()
    {
        var validator = Validator();
        validator.Validate([_leaf], CertificateUsage.SdJwtVcIssuer, TestPki.Now);
        _cacheClock.Advance(TimeSpan.FromMinutes(6));

        validator.Validate([_leaf], CertificateUsage.SdJwtVcIssuer, TestPki.Now).IsValid.Should().BeTrue();

        validator.CacheHits.Should().Be(0);
    }

    [Fact]
    public void A_zero_duration_turns_the_cache_off()
    {
        var validator = new X509ChainValidator(TrustAnchorStore.FromCertificates([_root]), new X509ChainValidatorOptions { SuccessCacheDuration = TimeSpan.Zero });

        validator.Validate([_leaf], CertificateUsage.SdJwtVcIssuer, TestPki.Now);
        validator.Validate([_leaf], CertificateUsage.SdJwtVcIssuer, TestPki.Now);

        validator.CacheHits.Should().Be(0);
    }

    public void Dispose()
    {
        _root.Dispose();
        _leaf.Dispose();
    }

    private X509ChainValidator Validator() =>
        new(TrustAnchorStore.FromCertificates([_root]), new X509ChainValidatorOptions { CacheClock = _cacheClock });
}
