using Microsoft.Playwright;
using Wallet.Cli.Demo;
using Wallet.Client;
using Wallet.Core.Trust;

namespace Wallet.E2E.Tests;

/// <summary>
/// The Issuer and the Verifier hosted exactly as <c>wallet demo</c> hosts them (in this process, 127.0.0.1, TLS with the
/// demo's self-signed localhost certificate, relying-party page on), and Debian's Chromium driven by Playwright.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    /// <summary>Debian's package; Playwright's own browser download is never used (and cannot be reached here).</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The upper bound of every browser wait.</summary>
    public const float TimeoutMilliseconds = 20_000;

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "wallet-e2e-" + Guid.NewGuid().ToString("N"));
    private IPlaywright? _playwright;

    internal DemoEnvironment Environment { get; private set; } = null!;

    /// <summary>The level of assurance the Verifier's trust anchor for the demo issuer certifies (the demo's: high).</summary>
    internal virtual Wallet.Core.Trust.LevelOfAssurance IssuerAnchorLevel => Wallet.Core.Trust.LevelOfAssurance.High;

    internal DemoServices Services { get; private set; } = null!;

    internal DemoApis Apis { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's 'chromium' package (.ci/run does).");
        }

        Environment = DemoEnvironment.LoadOrCreate(_directory, DateTimeOffset.UtcNow);
        Services = await DemoServices.StartAsync(Environment, CancellationToken.None, IssuerAnchorLevel);
        Http = new HttpClient(DemoTls.CreateHandler(Environment.TlsCertificate)) { Timeout = TimeSpan.FromSeconds(30) };
        Apis = new DemoApis(Http, Services);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = TimeoutMilliseconds,
        });
    }

    /// <summary>
    /// A fresh browser profile. It ignores certificate errors because the services present the demo's self-signed
    /// localhost certificate, which Chromium does not know, and every page it opens is on 127.0.0.1 (loopback only).
    /// It bypasses the pages' Content-Security-Policy only so that the test can inject the QR decoder (jsQR);
    /// the pages' own scripts run as they would anywhere.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true, BypassCSP = true });
        context.SetDefaultTimeout(TimeoutMilliseconds);
        context.SetDefaultNavigationTimeout(TimeoutMilliseconds);
        return context;
    }

    /// <summary>Wallet options with a wallet attestation the issuer trusts and the verifier's request-signing root.</summary>
    public WalletClientOptions WalletOptions() => new()
    {
        WalletInstance = new DevelopmentWalletProvider(Environment.WalletProvider).CreateInstance("wallet-e2e-tests", DateTimeOffset.UtcNow),
        KeyAttester = new DevelopmentWalletProvider(Environment.WalletProvider).AttestKeys,
        VerifierTrust = new X509ChainValidator(TrustAnchorStore.FromCertificates([Services.VerifierRequestSigningRoot], name: "demo verifier")),
    };

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Http?.Dispose();
        if (Services is not null)
        {
            await Services.DisposeAsync();
        }

        Environment?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
