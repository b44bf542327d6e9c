using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Wallet.Core.Jose;
using Wallet.Core.OAuth;
using Wallet.Core.OpenId4Vci;
using Wallet.Issuer.Options;

namespace Wallet.Issuer.LoadTest;

/// <summary>
/// Load driver for the credential endpoint. Starts the issuer on 127.0.0.1 (free port, fresh data folder, development
/// keys, SQLite), prepares <c>--tokens</c> DPoP-bound access tokens through the pre-authorized flow, then runs
/// <c>--concurrency</c> workers that each loop nonce → credential request (key proof + DPoP proof with <c>ath</c>)
/// until <c>--duration</c> seconds or <c>--requests</c> requests. Reports requests/s and p50/p90/p99 latency of the
/// credential requests. Driver and issuer share the machine, so the figures include the driver's own signing.
/// <c>--database postgresql</c> puts the issuer on PostgreSQL (a throw-away cluster, or <c>--connection-string</c>);
/// <c>--instances 2</c> starts two issuers on that database and sends the requests to them in turn. Every
/// <c>--replay-every</c>-th credential request is sent a second time (same c_nonce and key proofs, a new DPoP proof): an
/// accepted replay is a double consumption.
/// </summary>
internal static class LoadDriver
{
    private const string IssuerUrl = "https://issuer.load.test";
    private const string ApiKey = "load-test-api-key";

    public static async Task<int> Main(string[] args)
    {
        var settings = Settings.Parse(args);
        if (settings is null)
        {
            Console.Error.WriteLine("usage: Issuer.LoadTest [--tokens 32] [--concurrency 8] [--duration 60] [--requests 100000] [--warmup 5] [--format sd-jwt|mdoc] [--batch 1] [--database sqlite|postgresql] [--connection-string …] [--instances 1|2] [--replay-every 10]");
            return 2;
        }

        var dataDirectory = Path.Combine(Path.GetTempPath(), "issuer-load", Guid.NewGuid().ToString("N"));
        var connectionString = settings.Database == "postgresql"
            ? settings.ConnectionString ?? await (await global::Wallet.Tests.Databases.PostgreSqlCluster.SharedAsync().ConfigureAwait(false)).CreateDatabaseAsync().ConfigureAwait(false)
            : null;

        // One after the other: the first generates the development keys into the data folder, the others load them (as
        // instances given the same key files).
        var apps = new List<WebApplication>();
        for (var i = 0; i < settings.Instances; i++)
        {
            var instance = BuildIssuer(dataDirectory, connectionString);
            await instance.StartAsync().ConfigureAwait(false);
            apps.Add(instance);
        }

        try
        {
            var addresses = apps.Select(a => new Uri(a.Urls.Single() + "/")).ToArray();
            using var http = new HttpClient(new global::Wallet.Tests.Instances.AlternatingHandler(new Uri(IssuerUrl + "/"), addresses, new SocketsHttpHandler { MaxConnectionsPerServer = settings.Concurrency * 2 }));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{apps.Count} issuer instance(s) at {string.Join(", ", addresses.Select(a => a.ToString()))} on {settings.Database} (identifier {IssuerUrl}); {Environment.ProcessorCount} cores; load average {LoadAverage()}"));

            var prepare = Stopwatch.StartNew();
            var wallets = new Wallet[settings.Tokens];
            for (var i = 0; i < wallets.Length; i++)
            {
                wallets[i] = await Wallet.AuthorizeAsync(http).ConfigureAwait(false);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"prepared {wallets.Length} access tokens in {prepare.Elapsed.TotalSeconds:F1} s"));
            var configuration = settings.Format == "mdoc" ? "eu.europa.ec.eudi.pid_mso_mdoc" : "eu.europa.ec.eudi.pid_vc_sd_jwt";

            if (settings.WarmupSeconds > 0)
            {
                await RunAsync(http, wallets, settings, configuration, TimeSpan.FromSeconds(settings.WarmupSeconds), int.MaxValue).ConfigureAwait(false);
            }

            Replays.Sent = Replays.Accepted = 0;
            var (latencies, failures, elapsed) = await RunAsync(http, wallets, settings, configuration, TimeSpan.FromSeconds(settings.DurationSeconds), settings.MaxRequests).ConfigureAwait(false);
            Report(settings, latencies, failures, elapsed);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"replayed credential requests: {Replays.Sent} sent, {Replays.Accepted} accepted (double consumptions)"));
            return failures > 0 || Replays.Accepted > 0 ? 1 : 0;
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.StopAsync().ConfigureAwait(false);
                await app.DisposeAsync().ConfigureAwait(false);
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static WebApplication BuildIssuer(string dataDirectory, string? postgreSql)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddPidIssuer(options =>
        {
            options.IssuerUrl = IssuerUrl;
            options.DataDirectory = dataDirectory;
            options.GenerateDevelopmentKeys = true;

            // The driver plays a wallet without a Wallet Attestation; DPoP and DPoP nonces stay required.
            options.RequireWalletAttestation = false;
            options.ApiKeys = [new ApiKeyOptions { Name = "load", Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey))) }];
            options.OfferLifetime = TimeSpan.FromHours(1);
            if (postgreSql is not null)
            {
                options.Database.Provider = global::Wallet.Hosting.Database.DatabaseProvider.PostgreSql;
                options.Database.ConnectionString = postgreSql;
            }

            // The driver measures capacity from one address, which the abuse limits would throttle.
            options.RateLimits.Enabled = false;
        });
        var app = builder.Build();
        app.MapPidIssuer();
        return app;
    }

    private static async Task<(List<double> Latencies, int Failures, TimeSpan Elapsed)> RunAsync(HttpClient http, Wallet[] wallets, Settings settings, string configuration, TimeSpan duration, int maxRequests)
    {
        var latencies = new List<double>[settings.Concurrency];
        var failures = 0;
        var started = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, settings.Concurrency).Select(async worker =>
        {
            latencies[worker] = [];
            for (var n = 0; clock.Elapsed < duration && Interlocked.Increment(ref started) <= maxRequests; n++)
            {
                // Each worker owns a disjoint slice of the tokens, so a wallet's DPoP nonce is never raced by two workers.
                var wallet = wallets[worker + (settings.Concurrency * (n % (wallets.Length / settings.Concurrency)))];
                var replay = settings.ReplayEvery > 0 && n % settings.ReplayEvery == settings.ReplayEvery - 1;
                var (ok, milliseconds) = await wallet.RequestCredentialAsync(http, configuration, settings.Batch, replay).ConfigureAwait(false);
                if (ok)
                {
                    latencies[worker].Add(milliseconds);
                }
                else
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        return ([.. latencies.SelectMany(l => l)], failures, clock.Elapsed);
    }

    private static void Report(Settings settings, List<double> latencies, int failures, TimeSpan elapsed)
    {
        latencies.Sort();
        double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"format {settings.Format}, batch {settings.Batch}, tokens {settings.Tokens}, concurrency {settings.Concurrency}: {latencies.Count} credential requests OK, {failures} failed, in {elapsed.TotalSeconds:F1} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"throughput {latencies.Count / elapsed.TotalSeconds:F1} requests/s ({latencies.Count * settings.Batch / elapsed.TotalSeconds:F1} credentials/s); latency p50 {Percentile(0.50):F1} ms, p90 {Percentile(0.90):F1} ms, p99 {Percentile(0.99):F1} ms, max {(latencies.Count == 0 ? double.NaN : latencies[^1]):F1} ms"));
        Console.WriteLine($"load average after the run: {LoadAverage()}");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>Replayed credential requests of the measured run, and how many an issuer accepted (must stay 0).</summary>
    private static class Replays
    {
        public static int Sent;
        public static int Accepted;
    }

    /// <summary>One wallet: a DPoP key, its access token and the last server DPoP nonce.</summary>
    private sealed class Wallet
    {
        private static readonly Uri Token = new(IssuerUrl + "/token");
        private static readonly Uri Nonce = new(IssuerUrl + "/nonce");
        private static readonly Uri Credential = new(IssuerUrl + "/credential");
        private readonly SigningKey _dpopKey = SigningKey.Generate();
        private string _accessToken = string.Empty;
        private string? _dpopNonce;

        public static async Task<Wallet> AuthorizeAsync(HttpClient http)
        {
            using var offerRequest = new HttpRequestMessage(HttpMethod.Post, IssuerUrl + "/api/offers") { Content = new StringContent("""{"personId":"kari-nordmann"}""", Encoding.UTF8, "application/json") };
            offerRequest.Headers.Add("X-API-Key", ApiKey);
            using var created = await http.SendAsync(offerRequest).ConfigureAwait(false);
            var offerUri = JsonNode.Parse(await created.Content.ReadAsStringAsync().ConfigureAwait(false))!["offerUri"]!.GetValue<string>();
            if (!CredentialOfferLink.TryParse(offerUri, OpenId4VciLimits.Default, out var link, out var error))
            {
                throw new InvalidOperationException(error.Message);
            }

            if (!CredentialOffer.TryParse(await http.GetStringAsync(link.OfferUri).ConfigureAwait(false), OpenId4VciLimits.Default, out var offer, out error))
            {
                throw new InvalidOperationException(error.Message);
            }

            var wallet = new Wallet();
            for (var attempt = 0; attempt < 2; attempt++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, Token)
                {
                    Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = PreAuthorizedCodeGrant.GrantType, ["pre-authorized_code"] = offer.PreAuthorizedCode!.PreAuthorizedCode }),
                };
                request.Headers.Add(DpopProof.HeaderName, DpopProof.Create(wallet._dpopKey, "POST", Token, DateTimeOffset.UtcNow, wallet._dpopNonce));
                using var response = await http.SendAsync(request).ConfigureAwait(false);
                wallet.Remember(response);
                if (response.IsSuccessStatusCode)
                {
                    wallet._accessToken = JsonNode.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false))!["access_token"]!.GetValue<string>();
                    return wallet;
                }
            }

            throw new InvalidOperationException("The token request failed twice.");
        }

        /// <summary>One nonce request and one timed credential request; <paramref name="replay"/> sends it again afterwards (not timed).</summary>
        public async Task<(bool Ok, double Milliseconds)> RequestCredentialAsync(HttpClient http, string configuration, int batch, bool replay = false)
        {
            using var nonceResponse = await http.PostAsync(Nonce, null).ConfigureAwait(false);
            Remember(nonceResponse);
            var cNonce = JsonNode.Parse(await nonceResponse.Content.ReadAsStringAsync().ConfigureAwait(false))!["c_nonce"]!.GetValue<string>();

            var started = Stopwatch.GetTimestamp();
            var proofs = new JsonArray();
            for (var i = 0; i < batch; i++)
            {
                // A fresh holder key per credential, as a wallet does for unlinkable batches.
                using var holder = new KeyHolder();
                proofs.Add(KeyProof.Create(holder.Key, IssuerUrl, DateTimeOffset.UtcNow, cNonce));
            }

            var body = new JsonObject { ["credential_configuration_id"] = configuration, ["proofs"] = new JsonObject { ["jwt"] = proofs } };
            using var request = new HttpRequestMessage(HttpMethod.Post, Credential) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation("Authorization", "DPoP " + _accessToken);
            request.Headers.Add(DpopProof.HeaderName, DpopProof.Create(_dpopKey, "POST", Credential, DateTimeOffset.UtcNow, _dpopNonce, _accessToken));
            using var response = await http.SendAsync(request).ConfigureAwait(false);
            await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            Remember(response);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Console.Error.WriteLine($"credential request: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
                return (false, elapsed);
            }

            if (replay)
            {
                // The c_nonce was consumed by the first request, on whichever instance took it; no instance may accept it again.
                using var again = new HttpRequestMessage(HttpMethod.Post, Credential) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
                again.Headers.TryAddWithoutValidation("Authorization", "DPoP " + _accessToken);
                again.Headers.Add(DpopProof.HeaderName, DpopProof.Create(_dpopKey, "POST", Credential, DateTimeOffset.UtcNow, _dpopNonce, _accessToken));
                using var replayed = await http.SendAsync(again).ConfigureAwait(false);
                Remember(replayed);
                Interlocked.Increment(ref Replays.Sent);
                if (replayed.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref Replays.Accepted);
                    Console.Error.WriteLine("double consumption: a replayed credential request was accepted");
                }
            }

            return (true, elapsed);
        }

        private void Remember(HttpResponseMessage response)
        {
            if (response.Headers.TryGetValues(DpopProof.NonceHeaderName, out var values))
            {
                _dpopNonce = values.First();
            }
        }
    }

    private sealed class KeyHolder : IDisposable
    {
        public SigningKey Key { get; } = SigningKey.Generate();

        public void Dispose() => Key.Key.Dispose();
    }

    private sealed record Settings(int Tokens, int Concurrency, int DurationSeconds, int MaxRequests, int WarmupSeconds, string Format, int Batch, string Database, string? ConnectionString, int Instances, int ReplayEvery)
    {
        public static Settings? Parse(string[] args)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal))
                {
                    return null;
                }

                values[args[i][2..]] = args[i + 1];
            }

            if (args.Length % 2 != 0 || values.Keys.Any(k => k is not ("tokens" or "concurrency" or "duration" or "requests" or "warmup" or "format" or "batch" or "database" or "connection-string" or "instances" or "replay-every")))
            {
                return null;
            }

            int Int(string name, int fallback, int max) =>
                values.TryGetValue(name, out var v) && int.TryParse(v, CultureInfo.InvariantCulture, out var parsed) && parsed >= 0 && parsed <= max ? parsed : values.ContainsKey(name) ? -1 : fallback;
            var settings = new Settings(Int("tokens", 32, 10_000), Int("concurrency", 8, 512), Int("duration", 60, 600), Int("requests", 100_000, 1_000_000), Int("warmup", 5, 60), values.GetValueOrDefault("format", "sd-jwt"), Int("batch", 1, 10),
                values.GetValueOrDefault("database", "sqlite"), values.GetValueOrDefault("connection-string"), Int("instances", 1, 2), Int("replay-every", 10, 1_000_000));
            return settings.Tokens < 1 || settings.Concurrency < 1 || settings.DurationSeconds < 1 || settings.MaxRequests < 1 || settings.WarmupSeconds < 0 || settings.Batch < 1
                || settings.Format is not ("sd-jwt" or "mdoc") || settings.Tokens < settings.Concurrency
                || settings.Database is not ("sqlite" or "postgresql") || settings.Instances < 1 || settings.ReplayEvery < 0
                || (settings.Instances > 1 && settings.Database != "postgresql")
                ? null
                : settings;
        }
    }
}
