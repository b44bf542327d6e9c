using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Wallet.Core.OpenId4Vp;
using Wallet.Verifier.Signing;

namespace Wallet.Verifier.Tests;

/// <summary>The real Verifier host (Program) on a TestServer, with a temporary data folder, a movable clock and the test PKI as trust anchor.</summary>
public sealed class VerifierApp : WebApplicationFactory<Program>
{
    public const string PublicBaseUrl = "https://verifier.example/";
    public const string ApiKey = "rp1-secret-api-key";
    public const string OtherApiKey = "rp2-secret-api-key";

    private readonly string _clientIdPrefix;
    private readonly Dictionary<string, string?> _extraSettings;
    private readonly Action<IServiceCollection>? _services;

    public VerifierApp(string clientIdPrefix = ClientIdPrefixes.X509Hash, string? dataDirectory = null, Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _clientIdPrefix = clientIdPrefix;
        _extraSettings = settings ?? [];
        _services = services;
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), $"verifier-tests-{Guid.NewGuid():N}");
    }

    public string DataDirectory { get; }

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Everything the host logged, at every level.</summary>
    public CollectingLoggerProvider Logs { get; } = new();

    /// <summary>The generated development request-signing root, which the test wallet trusts.</summary>
    public X509Certificate2 RequestSigningRoot
    {
        get
        {
            _ = Services.GetRequiredService<RequestSigningCredentials>();
            return X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(DataDirectory, RequestSigningCredentials.DevelopmentRootFileName)));
        }
    }

    /// <summary>A client for the wallet endpoints (any host is served by the TestServer).</summary>
    public HttpClient WalletClient() => CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(PublicBaseUrl), AllowAutoRedirect = false });

    /// <summary>A client for the relying-party API with the given key.</summary>
    public HttpClient ApiClient(string? apiKey = ApiKey)
    {
        var client = WalletClient();
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = new Dictionary<string, string?>
        {
            ["Verifier:PublicBaseUrl"] = PublicBaseUrl,
            ["Verifier:ClientIdPrefix"] = _clientIdPrefix,
            ["Verifier:DataDirectory"] = DataDirectory,
            ["Verifier:TrustAnchors:0"] = $"{TestCredentials.RootPemPath}|high",
            ["Verifier:RelyingParties:0:Id"] = "rp1",
            ["Verifier:RelyingParties:0:ApiKeySha256"] = Sha256Hex(ApiKey),
            ["Verifier:RelyingParties:1:Id"] = "rp2",
            ["Verifier:RelyingParties:1:ApiKeySha256"] = Sha256Hex(OtherApiKey),
            ["Verifier:MaxRequestBodyBytes"] = (256 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in _extraSettings)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<CollectingLoggerProvider>(null, LogLevel.Trace));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddHttpClient(VerifierServiceCollectionExtensions.StatusListHttpClient)
                .ConfigurePrimaryHttpMessageHandler(() => new StatusListHandler(TestCredentials.StatusLists, TestCredentials.CwtStatusLists));
            _services?.Invoke(services);
        });
    }

    public static string Sha256Hex(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
