using Wallet.Cli.Demo;
using Wallet.Client;
using Wallet.Core.Trust;

namespace Wallet.Cli.Tests;

/// <summary>The demo's issuer and verifier, started once for a test class in a temporary data folder.</summary>
public sealed class DemoServicesFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "wallet-demo-services-" + Guid.NewGuid().ToString("N"));

    internal DemoEnvironment Environment { get; private set; } = null!;

    internal DemoServices Services { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    internal DemoApis Apis { get; private set; } = null!;

    public string IssuerUrl => Services.IssuerUrl.GetLeftPart(UriPartial.Authority);

    public async Task InitializeAsync()
    {
        Environment = DemoEnvironment.LoadOrCreate(_directory, DateTimeOffset.UtcNow);
        Services = await DemoServices.StartAsync(Environment, CancellationToken.None);
        Http = new HttpClient(DemoTls.CreateHandler(Environment.TlsCertificate));
        Apis = new DemoApis(Http, Services);
    }

    /// <summary>Wallet options with a trusted wallet attestation, key attestations for the PID and the verifier's request-signing root.</summary>
    public WalletClientOptions Options(List<WalletStepReport>? reports = null, bool attested = true) => new()
    {
        WalletInstance = attested ? new DevelopmentWalletProvider(Environment.WalletProvider).CreateInstance("wallet-tests", DateTimeOffset.UtcNow) : null,
        KeyAttester = new DevelopmentWalletProvider(Environment.WalletProvider).AttestKeys,
        VerifierTrust = new X509ChainValidator(TrustAnchorStore.FromCertificates([Services.VerifierRequestSigningRoot])),
        StepCompleted = reports is null ? null : reports.Add,
    };

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Services.DisposeAsync();
        Environment.Dispose();
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
