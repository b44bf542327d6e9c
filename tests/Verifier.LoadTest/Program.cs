using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;
using Wallet.Core.Jose;
using Wallet.Core.Trust;
using Wallet.Verifier.LoadTest;

// Load driver for the Verifier: full request → response → result cycles on loopback only, bounded in count and time.
// Usage: dotnet run -c Release --project tests/Verifier.LoadTest -- [--cycles 2000] [--concurrency 8] [--max-seconds 120] [--warmup 50]
//        [--database sqlite|postgresql] [--connection-string …] [--instances 1|2] [--replay-every 10]
var options = LoadOptions.Parse(args);
var directory = Path.Combine(Path.GetTempPath(), $"verifier-load-{Guid.NewGuid():N}");
Directory.CreateDirectory(directory);
try
{
    using var provider = new PidProvider(directory);
    var postgreSql = options.Database == "postgresql"
        ? options.ConnectionString ?? await (await Wallet.Tests.Databases.PostgreSqlCluster.SharedAsync()).CreateDatabaseAsync()
        : null;

    // One after the other: the first generates the development request signer into the data folder, the second loads it;
    // both name the first one's URL, and the balancer sends the requests to them in turn.
    await using var verifier = await VerifierUnderTest.StartAsync(Path.Combine(directory, "data"), provider, postgreSql: postgreSql);
    await using var second = options.Instances > 1 ? await VerifierUnderTest.StartAsync(Path.Combine(directory, "data"), provider, verifier.BaseUrl, postgreSql) : null;
    var socket = new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
    using var http = new HttpClient(second is null ? socket : new Wallet.Tests.Instances.AlternatingHandler(verifier.BaseUrl, [verifier.BaseUrl, second.InstanceUrl!], socket)) { BaseAddress = verifier.BaseUrl };
    using var verifierRoot = X509Certificate2.CreateFromPem(verifier.RequestSigningRootPem);
    var trust = new X509ChainValidator(TrustAnchorStore.FromCertificates([verifierRoot]));
    var wallets = Enumerable.Range(0, options.Concurrency)
        .Select(i =>
        {
            var holder = SigningKey.Generate();
            return new SimulatedWallet(http, trust, provider.IssuePid(holder, verifier.StatusListUri, i), holder) { ReplayEvery = options.ReplayEvery };
        })
        .ToArray();

    Console.WriteLine($"{options.Instances} Verifier instance(s) on {options.Database}, named {verifier.BaseUrl} · {options.Cycles} cycles · concurrency {options.Concurrency} · bounded to {options.MaxDuration.TotalSeconds:0} s · warm-up {options.Warmup}");
    using var deadline = new CancellationTokenSource(options.MaxDuration);
    for (var i = 0; i < options.Warmup; i++)
    {
        var failure = await wallets[i % wallets.Length].RunCycleAsync(null, deadline.Token);
        if (failure is not null)
        {
            Console.Error.WriteLine($"Warm-up cycle failed: {failure}");
            return 1;
        }
    }

    SimulatedWallet.ReplaysSent = SimulatedWallet.ReplaysAccepted = 0;
    var loadBefore = LoadAverage();
    var recorder = new LatencyRecorder();
    var remaining = options.Cycles;
    var failures = 0;
    string? firstFailure = null;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(wallets.Select(async wallet =>
    {
        while (!deadline.IsCancellationRequested && Interlocked.Decrement(ref remaining) >= 0)
        {
            try
            {
                if (await wallet.RunCycleAsync(recorder, deadline.Token) is { } failure)
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstFailure, failure, null);
                }
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                return;
            }
        }
    }));
    var elapsed = clock.Elapsed;
    var loadAfter = LoadAverage();
    var completed = recorder.Summary(LatencyRecorder.Steps[^1]).Count;

    Console.WriteLine();
    Console.WriteLine($"Completed {completed} verified cycles in {elapsed.TotalSeconds:0.0} s: {completed / elapsed.TotalSeconds:0.0} cycles/s; {failures} failed{(firstFailure is null ? string.Empty : $" (first: {firstFailure})")}{(deadline.IsCancellationRequested ? "; stopped at the time bound" : string.Empty)}.");
    Console.WriteLine($"Replayed responses: {SimulatedWallet.ReplaysSent} sent, {SimulatedWallet.ReplaysAccepted} accepted (double consumptions).");
    Console.WriteLine($"Machine: {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}, .NET {Environment.Version}; load average before {loadBefore}, after {loadAfter}.");
    Console.WriteLine();
    Console.WriteLine("| Step | n | p50 ms | p95 ms | p99 ms | max ms |");
    Console.WriteLine("|---|---|---|---|---|---|");
    foreach (var step in LatencyRecorder.Steps)
    {
        var (count, p50, p95, p99, max) = recorder.Summary(step);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {step} | {count} | {p50:0.0} | {p95:0.0} | {p99:0.0} | {max:0.0} |"));
    }

    return failures == 0 && SimulatedWallet.ReplaysAccepted == 0 ? 0 : 1;
}
finally
{
    Directory.Delete(directory, recursive: true);
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
