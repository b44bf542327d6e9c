using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;
using Wallet.Core.Development;
using Wallet.Core.Trust;

namespace Wallet.Core.Tests.Trust;

/// <summary>
/// The cache of decoded x5c / x5chain certificates (issue 17): bounded, keyed by the exact DER bytes, never serving a
/// certificate past its validity, and never standing in for the chain validation, which runs on every call.
/// </summary>
public sealed class DecodedCertificateCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private readonly X509Certificate2 _root = DevelopmentCertificates.CreateRootCa(Now.AddDays(-10), "Cache Test Root");

    [Fact]
    public void Same_bytes_are_decoded_once_and_served_from_the_cache()
    {
        var cache = new DecodedCertificateCache(4, new FakeTimeProvider(Now));
        var der = Signer("same").RawData;

        cache.TryDecode(der, out var first, out _).Should().BeTrue();
        cache.TryDecode(der.ToArray(), out var second, out _).Should().BeTrue();

        second.Should().BeSameAs(first);
        cache.Hits.Should().Be(1);
    }

    [Fact]
    public void Cache_is_bounded_and_evicts_the_least_recently_used_certificate()
    {
        var cache = new DecodedCertificateCache(2, new FakeTimeProvider(Now));
        var a = Signer("a").RawData;
        var b = Signer("b").RawData;
        var c = Signer("c").RawData;

        cache.TryDecode(a, out var firstA, out _).Should().BeTrue();
        cache.TryDecode(b, out _, out _).Should().BeTrue();
        cache.TryDecode(c, out _, out _).Should().BeTrue();

        cache.Count.Should().Be(2);
        cache.TryDecode(a, out var againA, out _).Should().BeTrue();
        againA.Should().NotBeSameAs(firstA, "a was the least recently used entry and was evicted for c");
        cache.Hits.Should().Be(0);
        cache.Count.Should().Be(2);
    }

    [Fact]
    public void One_byte_different_certificate_is_a_miss()
    {
        var cache = new DecodedCertificateCache(4, new FakeTimeProvider(Now));
        var der = Signer("exact").RawData;
        var altered = der.ToArray();
        altered[^1] ^= 0x01; // Last byte of the signature value: still one well-formed DER certificate.

        cache.TryDecode(der, out var original, out _).Should().BeTrue();
        cache.TryDecode(altered, out var other, out _).Should().BeTrue();

        other.Should().NotBeSameAs(original);
        other.RawData.Should().Equal(altered);
        cache.Hits.Should().Be(0);
    }

    [Fact]
    public void Malformed_bytes_are_rejected_and_not_cached()
    {
        var cache = new DecodedCertificateCache(4, new FakeTimeProvider(Now));
        var der = Signer("trailing").RawData.Append((byte)0).ToArray();

        cache.TryDecode(der, out _, out var reason).Should().BeFalse();
        cache.TryDecode(der, out _, out _).Should().BeFalse();

        reason.Should().Contain("follow the certificate");
        cache.Count.Should().Be(0);
    }

    [Fact]
    public void Cached_certificate_is_not_served_after_its_notAfter_and_the_chain_is_rejected_as_expired_RFC5280_4_1_2_5()
    {
        var clock = new FakeTimeProvider(Now);
        var cache = new DecodedCertificateCache(4, clock);
        var der = Signer("expiring", TimeSpan.FromDays(2)).RawData;
        cache.TryDecode(der, out var cached, out _).Should().BeTrue();

        clock.Advance(TimeSpan.FromDays(3));
        cache.TryDecode(der, out var later, out _).Should().BeTrue();
        var result = new X509ChainValidator(TrustAnchorStore.FromCertificates([_root])).Validate([later!], CertificateUsage.SdJwtVcIssuer, clock);

        later.Should().NotBeSameAs(cached, "an entry past notAfter is dropped, never served");
        cache.Hits.Should().Be(0);
        cache.Count.Should().Be(0, "an expired certificate is not stored either");
        result.Codes().Should().Contain(TrustErrorCodes.CertificateExpired);
    }

    [Fact]
    public void Certificate_disposed_by_a_caller_is_decoded_again()
    {
        var cache = new DecodedCertificateCache(4, new FakeTimeProvider(Now));
        var der = Signer("disposed").RawData;
        cache.TryDecode(der, out var first, out _).Should().BeTrue();

        first!.Dispose();
        cache.TryDecode(der, out var second, out _).Should().BeTrue();

        second.Should().NotBeSameAs(first);
        second!.Subject.Should().Contain("disposed");
    }

    private X509Certificate2 Signer(string name, TimeSpan? validity = null) =>
        DevelopmentCertificates.CreateSigner(_root, Now.AddDays(-1), $"Cache Test {name}", validity);
}
