using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wallet.Core.Development;
using Wallet.Core.Trust;

namespace Wallet.Verifier.Tests;

/// <summary>
/// <c>Verifier:StatusListTlsRoots</c>: the status-list client trusts these roots in addition to the system's, against a
/// loopback https server with a development certificate (issue 10, defect 10).
/// </summary>
public sealed class StatusListTlsTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("status-list-tls-").FullName;
    private readonly List<ServiceProvider> _providers = [];
    private X509Certificate2 _serverCertificate = null!;
    private WebApplication _server = null!;
    private Uri _statusList = null!;

    public async Task InitializeAsync()
    {
        _serverCertificate = CreateCertificate("CN=status-list dev", "localhost");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = _directory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(_serverCertificate)));
        _server = builder.Build();
        _server.MapGet("/status-lists/1", () => Results.Text("a status list token", "application/statuslist+jwt"));
        await _server.StartAsync();
        var port = new Uri(_server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
        _statusList = new Uri($"https://localhost:{port}/status-lists/1");
    }

    [Fact]
    public async Task Status_list_server_with_a_development_certificate_is_reached_when_its_root_is_configured()
    {
        using var client = StatusListClient(WritePem("dev-root.pem", _serverCertificate));

        using var response = await client.GetAsync(_statusList);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("a status list token");
    }

    [Fact]
    public async Task Status_list_server_with_a_development_certificate_is_refused_without_the_setting()
    {
        using var client = StatusListClient();

        var fetch = () => client.GetAsync(_statusList);

        await fetch.Should().ThrowAsync<HttpRequestException>();
    }

    [Fact]
    public async Task Another_configured_root_does_not_make_the_server_trusted()
    {
        using var other = CreateCertificate("CN=other dev root", "localhost");
        using var client = StatusListClient(WritePem("other-root.pem", other));

        var fetch = () => client.GetAsync(_statusList);

        await fetch.Should().ThrowAsync<HttpRequestException>();
    }

    [Fact]
    public async Task Configured_root_does_not_excuse_a_host_name_mismatch()
    {
        using var client = StatusListClient(WritePem("dev-root.pem", _serverCertificate));

        // The certificate names localhost only.
        var fetch = () => client.GetAsync(new Uri($"https://127.0.0.1:{_statusList.Port}/status-lists/1"));

        await fetch.Should().ThrowAsync<HttpRequestException>();
    }

    [Fact]
    public void Unreadable_status_list_tls_root_fails_validation_naming_the_setting()
    {
        var notPem = Path.Combine(_directory, "not-a-certificate.pem");
        File.WriteAllText(notPem, "not a certificate");
        using var provider = Services(notPem, Path.Combine(_directory, "missing.pem"));

        var resolve = () => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Options.VerifierOptions>>().Value;

        resolve.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().Which.Failures.Should().Contain(
        [
            $"Verifier:StatusListTlsRoots:0 names '{notPem}', which holds no PEM certificate.",
            $"Verifier:StatusListTlsRoots:1 names '{Path.Combine(_directory, "missing.pem")}', which does not exist.",
        ]);
    }

    public async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        await _server.DisposeAsync();
        _serverCertificate.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static X509Certificate2 CreateCertificate(string subject, string dnsName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(dnsName);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

        // Re-imported through PKCS#12 so that SslStream can use the key on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    private string WritePem(string name, X509Certificate2 certificate)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, DevelopmentCertificates.ExportCertificatePem(certificate));
        return path;
    }

    private ServiceProvider Services(params string[] roots)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Verifier:PublicBaseUrl"] = VerifierApp.PublicBaseUrl,
            ["Verifier:TrustAnchors:0"] = TestCredentials.RootPemPath,
            ["Verifier:RelyingParties:0:Id"] = "rp1",
            ["Verifier:RelyingParties:0:ApiKeySha256"] = VerifierApp.Sha256Hex(VerifierApp.ApiKey),
            ["Verifier:DataDirectory"] = Path.Combine(_directory, "data"),
        };
        for (var i = 0; i < roots.Length; i++)
        {
            settings[$"Verifier:StatusListTlsRoots:{i}"] = roots[i];
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddVerifier(configuration.GetSection("Verifier")).Services.BuildServiceProvider();
    }

    private HttpClient StatusListClient(params string[] roots)
    {
        var provider = Services(roots);
        _providers.Add(provider);
        return provider.GetRequiredService<IHttpClientFactory>().CreateClient(VerifierServiceCollectionExtensions.StatusListHttpClient);
    }
}
