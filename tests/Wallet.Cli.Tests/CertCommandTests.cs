using System.Security.Cryptography.X509Certificates;

namespace Wallet.Cli.Tests;

public sealed class CertCommandTests : IDisposable
{
    private readonly CliFixture _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Root_CA_is_an_IACA_style_CA_with_the_given_subject_and_a_development_warning_ISO18013_5_B_1_2()
    {
        var run = await _cli.RunAsync("cert", "ca", "--cn", "Test IACA", "--country", "PT", "--out-cert", _cli.PathOf("ca.pem"), "--out-key", _cli.PathOf("ca.key.pem"));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Stderr.Should().Contain("DEVELOPMENT");
        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(_cli.PathOf("ca.pem")));
        ca.Subject.Should().Be("C=PT, CN=Test IACA");
        ca.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority.Should().BeTrue();
        ca.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages.Should().HaveFlag(X509KeyUsageFlags.KeyCertSign);
        run.Json["subject"]!.GetValue<string>().Should().Be(ca.Subject);
    }

    [Theory]
    [InlineData("mdoc-ds", "1.0.18013.5.1.2")]
    [InlineData("sd-jwt-vc", null)]
    [InlineData("status-list", null)]
    public async Task Issued_certificate_carries_the_EKU_of_its_profile_ISO18013_5_B_1_4(string profile, string? expectedEku)
    {
        await _cli.RunOkAsync("cert", "ca", "--out-cert", _cli.PathOf("ca.pem"), "--out-key", _cli.PathOf("ca.key.pem"));

        await _cli.RunOkAsync("cert", "issue", "--ca", _cli.PathOf("ca.pem"), "--ca-key", _cli.PathOf("ca.key.pem"), "--profile", profile, "--out-cert", _cli.PathOf("leaf.pem"), "--out-key", _cli.PathOf("leaf.key.pem"));

        using var leaf = X509Certificate2.CreateFromPemFile(_cli.PathOf("leaf.pem"), _cli.PathOf("leaf.key.pem"));
        leaf.HasPrivateKey.Should().BeTrue();
        leaf.Issuer.Should().Be("C=XX, CN=Wallet Development IACA");
        leaf.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages.Should().Be(X509KeyUsageFlags.DigitalSignature);
        var ekus = leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().SelectMany(e => e.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>()).Select(o => o.Value);
        if (expectedEku is null)
        {
            ekus.Should().BeEmpty();
        }
        else
        {
            ekus.Should().Equal(expectedEku);
        }
    }

    [Fact]
    public async Task Issued_certificate_never_outlives_its_CA_RFC5280_6_1_3()
    {
        await _cli.RunOkAsync("cert", "ca", "--days", "10", "--out-cert", _cli.PathOf("ca.pem"), "--out-key", _cli.PathOf("ca.key.pem"));

        await _cli.RunOkAsync("cert", "issue", "--ca", _cli.PathOf("ca.pem"), "--ca-key", _cli.PathOf("ca.key.pem"), "--days", "365", "--out-cert", _cli.PathOf("leaf.pem"), "--out-key", _cli.PathOf("leaf.key.pem"));

        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(_cli.PathOf("ca.pem")));
        using var leaf = X509Certificate2.CreateFromPem(File.ReadAllText(_cli.PathOf("leaf.pem")));
        leaf.NotAfter.Should().BeOnOrBefore(ca.NotAfter);
    }
}
