using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Wallet.Core.Development;

namespace Wallet.Cli.Tests;

/// <summary>
/// Issue 12, "Ship": CI cannot run Docker, so this takes what each image holds, the <c>dotnet publish</c> output of the
/// service, and starts it with the environment of its service in <c>deploy/compose.yaml</c> (container paths mapped to
/// temp folders, the container port to a free one, the compose file's PostgreSQL to the CI's throw-away cluster) and
/// probes the Dockerfile's HEALTHCHECK path.
/// </summary>
public sealed class ContainerSettingsTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly string _directory = Directory.CreateTempSubdirectory("container-settings-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    [Theory]
    [InlineData("Issuer", "issuer")]
    [InlineData("Verifier", "verifier")]
    public async Task Published_service_starts_with_the_compose_settings_and_answers_its_health_check(string project, string service)
    {
        var root = RepositoryRoot();
        var app = await PublishAsync(root, project);
        var dockerfile = await File.ReadAllTextAsync(Path.Combine(root, "deploy", project + ".Dockerfile"));
        var healthPath = DockerfileEnv(dockerfile, "HEALTH_PATH");
        var containerPort = DockerfileEnv(dockerfile, "ASPNETCORE_HTTP_PORTS");
        dockerfile.Should().Contain("USER $APP_UID", "the image runs as the base image's non-root user").And.Contain("HEALTHCHECK");

        var secrets = Path.Combine(_directory, "secrets");
        var compose = ComposeFile.Load(Path.Combine(root, "deploy", "compose.yaml"));
        var environment = compose.Environment(service, Variables())
            .ToDictionary(e => e.Key, e => e.Value
                .Replace("/run/secrets/wallet", secrets, StringComparison.Ordinal)
                .Replace("/var/lib/wallet", Path.Combine(_directory, "data"), StringComparison.Ordinal));
        environment.Should().Contain($"{project}__Database__Provider", "PostgreSql", "the compose file runs the services on its PostgreSQL");
        var connectionString = await ComposePostgres.ConnectionStringAsync(root, compose.Environment("postgres", Variables()), environment[$"{project}__Database__ConnectionString"]);
        environment[$"{project}__Database__ConnectionString"] = connectionString;

        WriteSecrets(environment);
        var port = FreePort();
        environment["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment.Should().NotContainKey("ASPNETCORE_URLS");
        containerPort.Should().Be("8080");

        using var process = ServiceProcess.StartDll(Path.Combine(app, project + ".dll"), _directory, environment);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };

        var health = await WaitForHealthAsync(http, healthPath, process);

        health.Should().Be(HttpStatusCode.OK, process.ToString());
        if (project == "Issuer")
        {
            var metadata = JsonNode.Parse(await http.GetStringAsync("/.well-known/openid-credential-issuer"))!;
            metadata["credential_issuer"]!.GetValue<string>().Should().Be(environment["Issuer__IssuerUrl"]);
        }

        process.Stderr.Should().NotContain("Exception", process.ToString());
        (await ComposePostgres.AppliedMigrationsAsync(connectionString)).Should().BePositive("the service migrated its PostgreSQL database at start-up");
    }

    [Fact]
    public void The_compose_file_gives_each_service_its_own_database()
    {
        // Both services have tables (Nonces, UsageCounters) and an EF Core migration history of the same names.
        var compose = ComposeFile.Load(Path.Combine(RepositoryRoot(), "deploy", "compose.yaml"));
        string Database(string service, string project) =>
            new Npgsql.NpgsqlConnectionStringBuilder(compose.Environment(service, Variables())[$"{project}__Database__ConnectionString"]).Database!;

        Database("issuer", "Issuer").Should().NotBe(Database("verifier", "Verifier"));
    }

    [Theory]
    [InlineData("issuer")]
    [InlineData("verifier")]
    public void Every_setting_of_the_compose_file_is_named_in_the_README_production_section(string service)
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var start = readme.IndexOf("## Production configuration", StringComparison.Ordinal);
        start.Should().BePositive("README.md has a production configuration section");
        var end = readme.IndexOf("\n## ", start + 3, StringComparison.Ordinal);
        var section = readme[start..(end < 0 ? readme.Length : end)];

        var settings = ComposeFile.Load(Path.Combine(root, "deploy", "compose.yaml")).Environment(service, Variables()).Keys;

        settings.Should().NotBeEmpty();
        foreach (var setting in settings)
        {
            // Rows group settings (`Issuer__Upstream__Authority`, `__ClientId`): every name segment must be there.
            foreach (var segment in setting.Split("__").Where(p => !p.All(char.IsAsciiDigit)))
            {
                section.Should().Contain(segment, $"the README's production section names {setting}");
            }
        }
    }

    private static Dictionary<string, string> Variables() => new()
    {
        ["POSTGRES_PASSWORD"] = "compose-test-password",
        ["ISSUER_API_KEY_SHA256"] = Sha256Hex("compose-test-issuer-key"),
        ["ISSUER_UPSTREAM_CLIENT_SECRET"] = "compose-test-client-secret",
        ["VERIFIER_RP_API_KEY_SHA256"] = Sha256Hex("compose-test-rp-key"),
    };

    /// <summary>Writes the PEM files the settings name, under the names the compose file gives them.</summary>
    private static void WriteSecrets(Dictionary<string, string> environment)
    {
        var notBefore = DateTimeOffset.UtcNow.AddHours(-1);
        using var iaca = DevelopmentCertificates.CreateRootCa(notBefore, "Compose Test IACA", "NO", pathLength: 0);
        using var walletProviders = DevelopmentCertificates.CreateRootCa(notBefore, "Compose Test Wallet Providers", "NO");
        using var requestRoot = DevelopmentCertificates.CreateRootCa(notBefore, "Compose Test Verifier Root", "NO", pathLength: 0);
        var signers = new Dictionary<string, Func<X509Certificate2>>
        {
            ["Issuer__Keys__CredentialSigner"] = () => DevelopmentCertificates.CreateSigner(iaca, notBefore, "Compose Test PID Issuer"),
            ["Issuer__Keys__DocumentSigner"] = () => DevelopmentCertificates.CreateDocumentSigner(iaca, notBefore, "Compose Test Document Signer"),
            ["Issuer__Keys__StatusListSigner"] = () => DevelopmentCertificates.CreateStatusListSigner(iaca, notBefore, "Compose Test Status List Signer"),
            ["Verifier__RequestSigning"] = () => DevelopmentCertificates.CreateVerifierRequestSigner(requestRoot, notBefore, new Uri(environment.GetValueOrDefault("Verifier__PublicBaseUrl", "https://verifier.test/")).Host),
        };
        foreach (var (prefix, create) in signers)
        {
            var certificatePath = environment.GetValueOrDefault(prefix + (prefix.StartsWith("Verifier", StringComparison.Ordinal) ? "CertificatePath" : "__CertificatePath"));
            var keyPath = environment.GetValueOrDefault(prefix + (prefix.StartsWith("Verifier", StringComparison.Ordinal) ? "KeyPath" : "__PrivateKeyPath"));
            if (certificatePath is null)
            {
                continue;
            }

            using var certificate = create();
            Write(certificatePath, DevelopmentCertificates.ExportCertificatePem(certificate));
            if (keyPath is not null)
            {
                Write(keyPath, DevelopmentCertificates.ExportPrivateKeyPem(certificate));
            }
        }

        foreach (var (key, value) in environment)
        {
            if (key is "Issuer__Keys__RootCertificatePath" || key.StartsWith("Verifier__TrustAnchors__", StringComparison.Ordinal))
            {
                Write(value.Split('|')[0], DevelopmentCertificates.ExportCertificatePem(iaca));
            }
            else if (key.StartsWith("Issuer__WalletProviderTrustAnchors__", StringComparison.Ordinal))
            {
                Write(value, DevelopmentCertificates.ExportCertificatePem(walletProviders));
            }
        }
    }

    private static void Write(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private static async Task<HttpStatusCode?> WaitForHealthAsync(HttpClient http, string path, ServiceProcess process)
    {
        var until = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < until)
        {
            if (await process.WaitForExitAsync(TimeSpan.Zero) is not null)
            {
                return null;
            }

            try
            {
                using var response = await http.GetAsync(path);
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    // 503 is "not ready yet" (the database or the keys); anything else is the answer.
                    return response.StatusCode;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Starting slowly on a busy machine.
            }

            await Task.Delay(250);
        }

        using var last = await http.GetAsync(path);
        return last.StatusCode;
    }

    /// <summary>What <c>dotnet publish</c> of the Dockerfile's build stage puts in the image, from this build's output.</summary>
    private async Task<string> PublishAsync(string root, string project)
    {
        var output = Path.Combine(_directory, project.ToLowerInvariant() + "-app");
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        foreach (var argument in new[] { "publish", Path.Combine("src", project, project + ".csproj"), "-c", BuildConfiguration(), "--no-build", "-o", output })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0, $"{await stdout}\n{await stderr}");
        File.Exists(Path.Combine(output, project + ".dll")).Should().BeTrue();
        return output;
    }

    private static string DockerfileEnv(string dockerfile, string name)
    {
        var match = System.Text.RegularExpressions.Regex.Match(dockerfile, $@"\b{name}=(\S+)");
        match.Success.Should().BeTrue($"the Dockerfile sets {name}");
        return match.Groups[1].Value;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Sha256Hex(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path
        : "dotnet";

    private static string BuildConfiguration() => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Wallet.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Wallet.sln not found above the test output.");
    }
}
