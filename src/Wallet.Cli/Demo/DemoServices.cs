using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Wallet.Core.Development;
using Wallet.Core.Storage;
using Wallet.Core.Trust;
using Wallet.Hosting;
using Wallet.Issuer;
using Wallet.Issuer.Options;
using Wallet.Verifier;
using Wallet.Verifier.Options;
using Wallet.Verifier.Signing;

namespace Wallet.Cli.Demo;

/// <summary>
/// The Issuer and the Verifier hosted in this process on 127.0.0.1 with free ports and HTTPS, configured in code
/// through their public registration APIs (<c>AddPidIssuer</c>/<c>MapPidIssuer</c>, <c>AddVerifier</c>/<c>MapVerifier</c>)
/// with the demo's data folder, development keys, API keys and trust.
/// </summary>
internal sealed class DemoServices : IAsyncDisposable
{
    /// <summary>The agency API key of the demo issuer (loopback only, development).</summary>
    public const string AgencyApiKey = "demo-agency-key";

    /// <summary>The relying-party API key of the demo verifier (loopback only, development).</summary>
    public const string RelyingPartyApiKey = "demo-rp-key";

    public const string RelyingPartyId = "demo-rp";

    /// <summary>The statistics key of both demo services (loopback only, development); the public subset is on too.</summary>
    public const string StatisticsApiKey = "demo-statistics-key";

    private readonly WebApplication _issuer;
    private readonly WebApplication _verifier;

    private DemoServices(WebApplication issuer, WebApplication verifier, Uri issuerUrl, Uri verifierUrl, string issuerRootPath, X509Certificate2 verifierRequestSigningRoot)
    {
        _issuer = issuer;
        _verifier = verifier;
        IssuerUrl = issuerUrl;
        VerifierUrl = verifierUrl;
        IssuerRootPath = issuerRootPath;
        VerifierRequestSigningRoot = verifierRequestSigningRoot;
    }

    /// <summary>The Credential Issuer Identifier, <c>https://localhost:{port}</c>.</summary>
    public Uri IssuerUrl { get; }

    /// <summary>The Verifier's public base URL, <c>https://localhost:{port}</c>.</summary>
    public Uri VerifierUrl { get; }

    /// <summary>The issuer's development IACA, which the verifier trusts (tagged LoA high).</summary>
    public string IssuerRootPath { get; }

    /// <summary>The verifier's development request-signing root, which the wallet trusts.</summary>
    public X509Certificate2 VerifierRequestSigningRoot { get; }

    /// <summary>Builds and starts both services; the issuer first, since its generated root is the verifier's trust anchor.</summary>
    /// <param name="environment">The demo's folders and keys.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    /// <param name="issuerAnchorLevel">The level of assurance the verifier's anchor for the issuer certifies; the demo's is
    /// high, and a browser test lowers it to show the counter page refusing a PID below its minimum.</param>
    public static async Task<DemoServices> StartAsync(DemoEnvironment environment, CancellationToken cancellationToken, LevelOfAssurance issuerAnchorLevel = LevelOfAssurance.High)
    {
        var issuerPort = FreePort();
        var verifierPort = FreePort();
        var issuerUrl = new Uri($"https://{DemoTls.HostName}:{issuerPort}");
        var verifierUrl = new Uri($"https://{DemoTls.HostName}:{verifierPort}");

        var issuerBuilder = CreateBuilder(environment.IssuerDirectory, issuerPort, environment.TlsCertificate);
        issuerBuilder.Services.AddPidIssuer(options =>
        {
            options.IssuerUrl = issuerUrl.GetLeftPart(UriPartial.Authority);
            options.DataDirectory = environment.IssuerDirectory;
            options.GenerateDevelopmentKeys = true;
            options.EnableDevelopmentLogin = true;
            options.RequireWalletAttestation = true;
            options.WalletProviderTrustAnchors.Add(environment.WalletProviderRootPath);

            // HAIP 1.0 Sec. 4.5.1: the PID is bound only to keys the wallet provider attests at the highest attack
            // potential resistance (OpenID4VCI 1.0 Appendix D.2); the other attestations need no key attestation.
            foreach (var pid in new[] { OnlineDemo.SdJwtConfiguration, OnlineDemo.MdocConfiguration })
            {
                options.CredentialConfigurations[pid] = new CredentialConfigurationOptions
                {
                    KeyAttestationsRequired = new KeyAttestationsRequiredOptions { KeyStorage = [Wallet.Core.OpenId4Vci.AttackPotentialResistance.Iso18045High], UserAuthentication = [Wallet.Core.OpenId4Vci.AttackPotentialResistance.Iso18045High] },
                };
            }

            options.ApiKeys.Add(new ApiKeyOptions { Name = "demo", Sha256 = Sha256Hex(AgencyApiKey) });
            options.Statistics.ApiKeys.Add(new() { Name = "demo", Sha256 = Sha256Hex(StatisticsApiKey) });
            options.Statistics.Public = true;
        });
        var issuer = issuerBuilder.Build();
        WebApplication? verifier = null;
        try
        {
            // MapPidIssuer loads or generates the issuer's keys, so the root exists before the verifier is configured.
            issuer.UseProblemResponses();
            issuer.MapPidIssuer();
            var issuerRootPath = Path.Combine(environment.IssuerDirectory, "keys", "root.pem");

            var verifierBuilder = CreateBuilder(environment.VerifierDirectory, verifierPort, environment.TlsCertificate);
            verifierBuilder.Services.AddVerifier(options =>
            {
                options.PublicBaseUrl = verifierUrl;
                options.DataDirectory = environment.VerifierDirectory;
                options.TrustAnchors.Add($"{issuerRootPath}|{issuerAnchorLevel.ToString().ToLowerInvariant()}");
                options.RelyingParties.Add(new RelyingPartyOptions { Id = RelyingPartyId, Name = "Demo relying party", ApiKeySha256 = Sha256Hex(RelyingPartyApiKey) });

                // The relying-party page (/rp) is part of what --keep-running leaves to explore, and what the browser tests drive.
                options.DemoPage.Enabled = true;
                options.Statistics.ApiKeys.Add(new() { Name = "demo", Sha256 = Sha256Hex(StatisticsApiKey) });
                options.Statistics.Public = true;
            });

            // The verifier fetches the issuer's status list over https: its client trusts the demo certificate only.
            verifierBuilder.Services.AddSingleton<IHttpMessageHandlerBuilderFilter>(new TrustDemoCertificateFilter(environment.TlsCertificate));
            verifier = verifierBuilder.Build();
            verifier.UseProblemResponses();
            verifier.MapVerifier();
            _ = verifier.Services.GetRequiredService<RequestSigningCredentials>();
            var verifierRoot = X509CertificateLoader.LoadCertificate(
                DevelopmentCertificates.ImportPem(await File.ReadAllTextAsync(Path.Combine(environment.VerifierDirectory, RequestSigningCredentials.DevelopmentRootFileName), cancellationToken).ConfigureAwait(false)).RawData);

            await issuer.StartAsync(cancellationToken).ConfigureAwait(false);
            await verifier.StartAsync(cancellationToken).ConfigureAwait(false);
            return new DemoServices(issuer, verifier, issuerUrl, verifierUrl, issuerRootPath, verifierRoot);
        }
        catch
        {
            await issuer.DisposeAsync().ConfigureAwait(false);
            if (verifier is not null)
            {
                await verifier.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>Stops both services, letting requests in flight finish for up to five seconds.</summary>
    public async Task StopAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await Task.WhenAll(_verifier.StopAsync(timeout.Token), _issuer.StopAsync(timeout.Token)).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _verifier.DisposeAsync().ConfigureAwait(false);
        await _issuer.DisposeAsync().ConfigureAwait(false);
        VerifierRequestSigningRoot.Dispose();

        // SQLite keeps pooled connections (and so file handles) open; release them so the data folder can be deleted.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    /// <summary>A Development host on loopback <paramref name="port"/> with the demo's certificate; the services and the tests use it.</summary>
    internal static WebApplicationBuilder CreateBuilder(string contentRoot, int port, X509Certificate2 certificate)
    {
        PrivateFiles.CreateDirectory(contentRoot);

        // No command-line arguments and the data folder as content root: the tool's own arguments and whatever
        // appsettings.json lies in the working directory stay out of the services' configuration.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = contentRoot, EnvironmentName = Environments.Development });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(certificate)));
        return builder;
    }

    internal static int FreePort()
    {
        // Port 0 lets the system choose; the services need the port before they start, as it is part of their URLs.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Sha256Hex(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>Makes every HttpClient of the host trust the demo certificate (and only it).</summary>
    private sealed class TrustDemoCertificateFilter(X509Certificate2 certificate) : IHttpMessageHandlerBuilderFilter
    {
        public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
        {
            next(builder);
            if (builder.PrimaryHandler is SocketsHttpHandler handler)
            {
                DemoTls.Trust(handler, certificate);
            }
        };
    }
}
