using System.Text.Json.Nodes;
using Wallet.Cli.Demo;
using Wallet.Client;
using Wallet.Core.Mdoc;
using Wallet.Core.SdJwtVc;

namespace Wallet.E2E.Tests;

/// <summary>
/// Issue 13 §3: every person in the register gets a PID in both formats and presents it to a relying party over HTTP with
/// Wallet.Client — including people without a personal administrative number, stateless people (nationality QS) and a
/// birth date known only to the year (completed to 1 January: the PID Rule Book v1.6 §3.1.2 needs a full date).
/// </summary>
public sealed class EveryPersonTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("kari-nordmann", "1985-04-12", "NO", true)]
    [InlineData("amina-haddad", "1992-09-03", "LB", false)]
    [InlineData("yusuf-stateless", "1978-01-20", "QS", true)]
    [InlineData("partial-birthdate", "1969-01-01", "AF", true)]
    [InlineData("ola-minor", "2014-06-30", "NO", true)]
    public async Task Every_person_obtains_and_presents_a_PID_and_the_relying_party_gets_exactly_what_exists(string personId, string birthDate, string nationality, bool hasNumber)
    {
        var options = fixture.WalletOptions();
        var store = new InMemoryCredentialStore();
        var issuance = new OpenId4VciClient(fixture.Http, options, store);
        var (offerUri, txCode) = await fixture.Apis.CreateOfferAsync(personId, [OnlineDemo.SdJwtConfiguration, OnlineDemo.MdocConfiguration], CancellationToken.None);
        var session = await issuance.RedeemPreAuthorizedCodeAsync(await issuance.ResolveOfferAsync(offerUri), txCode);
        await issuance.RequestCredentialsAsync(session, OnlineDemo.SdJwtConfiguration);
        await issuance.RequestCredentialsAsync(session, OnlineDemo.MdocConfiguration);

        var (transactionId, requestUri) = await fixture.Apis.CreatePresentationAsync(Query(), null, CancellationToken.None);
        await new OpenId4VpClient(fixture.Http, options, store).RespondAsync(requestUri);
        var result = await fixture.Apis.GetPresentationAsync(transactionId, null, CancellationToken.None);

        result["status"]!.GetValue<string>().Should().Be("verified", result.ToJsonString());
        var sdJwt = result["credentials"]!["pid-sd-jwt"]![0]!["claims"]!.AsObject();
        sdJwt["birthdate"]!.GetValue<string>().Should().Be(birthDate);
        sdJwt["nationalities"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Contain(nationality);
        sdJwt.ContainsKey("personal_administrative_number").Should().Be(hasNumber, "a person without a number is presented without one, never with an empty value");
        var mdoc = result["credentials"]!["pid-mdoc"]![0]!["claims"]![PidMdoc.NameSpace]!.AsObject();
        mdoc["birth_date"]!.ToJsonString().Should().Contain(birthDate);
        mdoc["nationality"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Contain(nationality);
        mdoc.ContainsKey("personal_administrative_number").Should().Be(hasNumber);
    }

    // OpenID4VP 1.0 §6.4: claim_sets, most wanted first; the number is asked for but not required.
    private static JsonObject Query() => new()
    {
        ["credentials"] = new JsonArray(
            Credential("pid-sd-jwt", "dc+sd-jwt", new JsonObject { ["vct_values"] = new JsonArray(PidSdJwtVc.Vct) }, null, "birthdate", "nationalities"),
            Credential("pid-mdoc", "mso_mdoc", new JsonObject { ["doctype_value"] = PidMdoc.DocType }, PidMdoc.NameSpace, "birth_date", "nationality")),
    };

    private static JsonObject Credential(string id, string format, JsonObject meta, string? nameSpace, string birth, string nationality)
    {
        JsonObject Claim(string claimId, string name) => new()
        {
            ["id"] = claimId,
            ["path"] = nameSpace is null ? new JsonArray(name) : new JsonArray(nameSpace, name),
        };

        return new JsonObject
        {
            ["id"] = id,
            ["format"] = format,
            ["meta"] = meta,
            ["claims"] = new JsonArray(Claim("given", "given_name"), Claim("family", "family_name"), Claim("birth", birth), Claim("nationality", nationality), Claim("number", "personal_administrative_number")),
            ["claim_sets"] = new JsonArray(new JsonArray("given", "family", "birth", "nationality", "number"), new JsonArray("given", "family", "birth", "nationality")),
        };
    }
}
