using Wallet.Issuer.Options;

namespace Wallet.Issuer.Tests;

/// <summary>When IssuerUrl and the addresses the server listens on disagree (issue 10, defect 10); the process-level test is in Wallet.Cli.Tests.</summary>
public sealed class IssuerUrlListenCheckTests
{
    [Theory]
    [InlineData("https://localhost:5001", "https://localhost:5001", true)]
    [InlineData("https://localhost:5001", "https://[::]:5001", true)]
    [InlineData("https://localhost:5001", "https://0.0.0.0:5001", true)]
    [InlineData("https://issuer.example", "https://127.0.0.1:443", true)]
    [InlineData("https://localhost:5001", "http://localhost:5001", false)]
    [InlineData("https://localhost:5001", "https://localhost:5002", false)]
    [InlineData("https://localhost:5001", "http://127.0.0.1:5000", false)]
    [InlineData("https://issuer.example", "http://127.0.0.1:8080", false)]
    [InlineData("https://localhost:5001", "not an address", false)]
    public void IssuerUrl_agrees_with_a_listening_address_only_on_the_same_scheme_and_port(string issuerUrl, string address, bool agrees)
    {
        IssuerUrlListenCheck.Agrees(new Uri(issuerUrl), [address]).Should().Be(agrees);
    }

    [Fact]
    public void One_agreeing_address_among_several_is_enough()
    {
        IssuerUrlListenCheck.Agrees(new Uri("https://localhost:5001"), ["http://127.0.0.1:5000", "https://127.0.0.1:5001"]).Should().BeTrue();
    }
}
