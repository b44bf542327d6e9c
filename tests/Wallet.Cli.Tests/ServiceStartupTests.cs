namespace Wallet.Cli.Tests;

/// <summary>
/// Starting the Issuer and the Verifier as a new user does: the built dll run from another working directory, a bad
/// setting, a listening address that differs from IssuerUrl (issue 10, defect 10).
/// </summary>
public sealed class ServiceStartupTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly string _directory = Directory.CreateTempSubdirectory("service-startup-").FullName;

    [Fact]
    public async Task Issuer_run_from_another_directory_reads_its_settings_and_warns_that_it_listens_elsewhere_than_IssuerUrl()
    {
        // appsettings.Development.json next to the dll sets IssuerUrl https://localhost:5001; only the content root finds it from here.
        using var issuer = ServiceProcess.Start("Issuer", _directory, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Issuer__DataDirectory"] = Path.Combine(_directory, "issuer-data"),
        }, "--urls", "http://127.0.0.1:0");

        var warned = await issuer.WaitForOutputAsync("Issuer:IssuerUrl is https://localhost:5001, but this server listens on http://127.0.0.1:", StartTimeout);

        warned.Should().BeTrue(issuer.ToString());
        (await issuer.WaitForExitAsync(TimeSpan.FromSeconds(1))).Should().BeNull("a differing address is only a warning: a reverse proxy makes it legitimate");
    }

    [Fact]
    public async Task Issuer_with_an_invalid_setting_prints_it_once_without_a_stack_trace_and_exits_78()
    {
        using var issuer = ServiceProcess.Start("Issuer", _directory, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Issuer__IssuerUrl"] = "http://issuer.example",
            ["Issuer__DataDirectory"] = Path.Combine(_directory, "issuer-data"),
            ["Issuer__GenerateDevelopmentKeys"] = "true",
        });

        var exit = await issuer.WaitForExitAsync(StartTimeout);

        exit.Should().Be(78, issuer.ToString());
        AssertReportedOnce(issuer, "Issuer:IssuerUrl must be an absolute https URL");
    }

    [Fact]
    public async Task Verifier_with_invalid_settings_prints_each_once_without_a_stack_trace_and_exits_78()
    {
        using var verifier = ServiceProcess.Start("Verifier", _directory, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Verifier__PublicBaseUrl"] = "ftp://verifier.example",
            ["Verifier__DataDirectory"] = Path.Combine(_directory, "verifier-data"),
        });

        var exit = await verifier.WaitForExitAsync(StartTimeout);

        exit.Should().Be(78, verifier.ToString());
        AssertReportedOnce(verifier, "Verifier:PublicBaseUrl must be an absolute https URL");
        AssertReportedOnce(verifier, "Verifier:TrustAnchors must list at least one PEM file");
    }

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

    private static void AssertReportedOnce(ServiceProcess service, string failure)
    {
        var output = service.Stdout + service.Stderr;
        service.Stderr.Split(failure).Length.Should().Be(2, $"'{failure}' is printed exactly once, on stderr\n{service}");
        output.Split(failure).Length.Should().Be(2, $"'{failure}' is printed exactly once\n{service}");
        output.Should().NotContain("Unhandled exception").And.NotContain("OptionsValidationException").And.NotMatchRegex(@"\n\s+at [A-Za-z]", "no stack trace");
    }
}
