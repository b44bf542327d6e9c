using System.Net;
using System.Text.Json.Nodes;
using Wallet.Core.Credentials;
using Wallet.Core.SdJwtVc;

namespace Wallet.Issuer.Tests;

/// <summary>The agency revokes and suspends what was issued; verifiers see it through the public status list (Token Status List §7).</summary>
public sealed class RevocationTests : IssuerTestBase
{
    private async Task<(string CredentialId, string Credential, Wallet.Core.Jose.SigningKey Holder)> IssueAsync()
    {
        var wallet = await AuthorizedWalletAsync("amina-haddad", [SdJwtConfiguration]);
        var holder = Wallet.Core.Jose.SigningKey.Generate();
        var credential = (await TestWallet.CredentialsAsync(await wallet.RequestCredentialsAsync(SdJwtConfiguration, [holder]))).Single();
        using var api = Factory.CreateApiClient();
        var listing = JsonNode.Parse(await api.GetStringAsync("/api/persons/amina-haddad/credentials"))!.AsArray();
        listing.Should().ContainSingle();
        listing[0]!.ToJsonString().Should().NotContain("Haddad", "the listing holds metadata, never claim values");
        return (listing[0]!["credentialId"]!.GetValue<string>(), credential, holder);
    }

    private async Task<HttpStatusCode> SetAsync(string id, string action)
    {
        using var api = Factory.CreateApiClient();
        return (await api.PostAsync($"/api/credentials/{id}/{action}", null)).StatusCode;
    }

    [Fact]
    public async Task Revoked_credential_fails_verification_as_revoked_TokenStatusList_7()
    {
        var (id, credential, holder) = await IssueAsync();

        (await SetAsync(id, "revoke")).Should().Be(HttpStatusCode.NoContent);

        var result = await new CredentialVerification(Factory, Http).VerifySdJwtVcAsync(credential, holder);
        result.Status.Should().Be(CredentialStatus.Revoked);
        result.Errors.Select(e => e.Code).Should().Contain(SdJwtVcErrorCodes.Revoked);
        (await SetAsync(id, "unsuspend")).Should().Be(HttpStatusCode.Conflict, "INVALID is final (Token Status List §7)");
    }

    [Fact]
    public async Task Suspended_credential_is_suspended_until_unsuspended_TokenStatusList_7()
    {
        var (id, credential, holder) = await IssueAsync();

        (await SetAsync(id, "suspend")).Should().Be(HttpStatusCode.NoContent);
        (await new CredentialVerification(Factory, Http).VerifySdJwtVcAsync(credential, holder)).Status.Should().Be(CredentialStatus.Suspended);

        (await SetAsync(id, "unsuspend")).Should().Be(HttpStatusCode.NoContent);
        (await new CredentialVerification(Factory, Http).VerifySdJwtVcAsync(credential, holder)).Status.Should().Be(CredentialStatus.Valid);
    }

    [Fact]
    public async Task Unknown_credential_is_404_and_missing_api_key_is_401()
    {
        (await SetAsync("unknown", "revoke")).Should().Be(HttpStatusCode.NotFound);
        (await Http.PostAsync("/api/credentials/unknown/revoke", null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Http.GetAsync("/api/persons/kari-nordmann/credentials")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
