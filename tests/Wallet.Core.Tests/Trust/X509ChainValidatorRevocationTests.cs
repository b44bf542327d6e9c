using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Wallet.Core.Development;
using Wallet.Core.Trust;

namespace Wallet.Core.Tests.Trust;

/// <summary>
/// CRL checking (RFC 5280 §6.3) against CRLs served from a loopback HTTP listener, so the platform engine downloads
/// them exactly as it would in production. Uses the real clock: the platform's CRL cache works in real time.
/// </summary>
public sealed class X509ChainValidatorRevocationTests : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, byte[]> _crls = new(StringComparer.Ordinal);
    private readonly Uri _baseAddress;
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private readonly X509ChainValidatorOptions _online = new() { RevocationMode = X509RevocationMode.Online, RevocationTimeout = TimeSpan.FromSeconds(5) };

    public X509ChainValidatorRevocationTests()
    {
        var port = FreePort();
        _baseAddress = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(_baseAddress.AbsoluteUri);
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    [Fact]
    public void Revoked_leaf_is_rejected_when_CRL_checking_is_on_RFC5280_6_3()
    {
        var (root, leaf) = Issue("revoked");
        Publish("revoked", DevelopmentCertificates.CreateRevocationList(root, [leaf], _now.AddMinutes(-5)));

        var result = new X509ChainValidator(TrustAnchorStore.FromCertificates([root]), _online).Validate([leaf], CertificateUsage.SdJwtVcIssuer, _now);

        result.Codes().Should().Equal(TrustErrorCodes.Revoked);
        result.Errors[0].Message.Should().Contain(leaf.Subject);
    }

    [Fact]
    public void Revoked_leaf_is_rejected_even_when_its_decoding_is_cached_RFC5280_6_3()
    {
        var (root, leaf) = Issue("cached");
        Publish("cached", DevelopmentCertificates.CreateRevocationList(root, [leaf], _now.AddMinutes(-5)));
        var cache = new DecodedCertificateCache(4);
        cache.TryDecode(leaf.RawData, out var first, out _).Should().BeTrue();
        cache.TryDecode(leaf.RawData, out var cached, out _).Should().BeTrue();

        var result = new X509ChainValidator(TrustAnchorStore.FromCertificates([root]), _online).Validate([cached!], CertificateUsage.SdJwtVcIssuer, _now);

        cached.Should().BeSameAs(first);
        cache.Hits.Should().Be(1);
        result.Codes().Should().Equal(TrustErrorCodes.Revoked);
    }

    [Fact]
    public void Leaf_absent_from_the_CRL_is_valid_when_CRL_checking_is_on()
    {
        var (root, leaf) = Issue("clean");
        Publish("clean", DevelopmentCertificates.CreateRevocationList(root, [], _now.AddMinutes(-5)));

        var result = new X509ChainValidator(TrustAnchorStore.FromCertificates([root]), _online).Validate([leaf], CertificateUsage.SdJwtVcIssuer, _now);

        result.Errors.Should().BeEmpty();
    }

    [Fact]
    public void Unreachable_CRL_fails_closed_when_CRL_checking_is_on()
    {
        var (root, leaf) = Issue("missing");

        var result = new X509ChainValidator(TrustAnchorStore.FromCertificates([root]), _online).Validate([leaf], CertificateUsage.SdJwtVcIssuer, _now);

        result.Codes().Should().Equal([TrustErrorCodes.RevocationUnknown], string.Join(" | ", result.Errors));
        result.IsValid.Should().BeFalse();
    }

    [Fact]
    public void Revoked_leaf_is_accepted_when_CRL_checking_is_off_by_default()
    {
        var (root, leaf) = Issue("off");
        Publish("off", DevelopmentCertificates.CreateRevocationList(root, [leaf], _now.AddMinutes(-5)));

        var result = new X509ChainValidator(TrustAnchorStore.FromCertificates([root])).Validate([leaf], CertificateUsage.SdJwtVcIssuer, _now);

        result.Errors.Should().BeEmpty();
    }

    public void Dispose() => _listener.Close();

    private (X509Certificate2 Root, X509Certificate2 Leaf) Issue(string name)
    {
        var root = DevelopmentCertificates.CreateRootCa(_now.AddDays(-1), $"Revocation Root {name} {Guid.NewGuid():N}");
        var leaf = DevelopmentCertificates.CreateSigner(root, _now.AddHours(-1), crlDistributionPoint: new Uri(_baseAddress, $"{name}.crl"));
        return (root, leaf);
    }

    private void Publish(string name, byte[] crl)
    {
        lock (_crls)
        {
            _crls[$"/{name}.crl"] = crl;
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            byte[]? body;
            lock (_crls)
            {
                _crls.TryGetValue(context.Request.Url!.AbsolutePath, out body);
            }

            context.Response.StatusCode = body is null ? 404 : 200;
            if (body is not null)
            {
                context.Response.ContentType = "application/pkix-crl";
                await context.Response.OutputStream.WriteAsync(body);
            }

            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
