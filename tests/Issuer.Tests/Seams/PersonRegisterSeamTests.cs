using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Wallet.Core.Jose;
using Wallet.Issuer.Pid;

namespace Wallet.Issuer.Tests.Seams;

/// <summary>UsePersonRegister: PID data comes from the host's authentic source, not the embedded register.</summary>
public sealed class PersonRegisterSeamTests() : IssuerTestBase(services: services => services.AddPidIssuer().UsePersonRegister<HostRegister>())
{
    [Fact]
    public async Task Pid_carries_the_data_of_the_host_register()
    {
        var wallet = await AuthorizedWalletAsync(HostRegister.PersonId, [SdJwtConfiguration]);
        var holder = SigningKey.Generate();

        var credential = (await TestWallet.CredentialsAsync(await wallet.RequestCredentialsAsync(SdJwtConfiguration, [holder]))).Single();

        var result = await new CredentialVerification(Factory, Http).VerifySdJwtVcAsync(credential, holder);
        result.Errors.Should().BeEmpty();
        result.Claims!["given_name"]!.GetValue<string>().Should().Be("Ada");
        result.Claims["family_name"]!.GetValue<string>().Should().Be("Lovelace");
        result.Claims["personal_administrative_number"]!.GetValue<string>().Should().Be("10128512345");
        Factory.Services.GetRequiredService<IAuthenticSource>().Should().BeOfType<HostRegister>();
        Factory.Services.GetRequiredService<HostRegister>().Lookups.Should().BePositive();
    }

    [Fact]
    public async Task A_person_of_the_embedded_register_is_unknown_once_the_host_register_replaces_it()
    {
        using var api = Factory.CreateApiClient();

        var response = await api.PostAsJsonAsync("/api/offers", new { personId = "kari-nordmann", credentialConfigurationIds = new[] { SdJwtConfiguration } });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("No person with this identifier is known to the authentic source.");
    }
}
