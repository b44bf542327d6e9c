using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Wallet.Cli.Tests;

public sealed class DecodeCommandTests : IDisposable
{
    private readonly CliFixture _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Decode_lists_each_Disclosure_with_the_digest_the_payload_references_RFC9901_4_2_3()
    {
        var credential = await IssuerSetup.IssueAsync(_cli);

        var run = await _cli.RunAsync("decode", credential);

        run.ExitCode.Should().Be(0, run.ToString());
        var decoded = run.Json;
        decoded["header"]!["typ"]!.GetValue<string>().Should().Be("dc+sd-jwt");
        decoded["payload"]!["vct"]!.GetValue<string>().Should().Be(IssuerSetup.Vct);
        decoded["digestAlgorithm"]!.GetValue<string>().Should().Be("sha-256");
        var disclosures = decoded["disclosures"]!.AsArray().Select(d => d!.AsObject()).ToList();
        disclosures.Where(d => d["name"] is not null).Select(d => d["name"]!.GetValue<string>())
            .Should().BeEquivalentTo("given_name", "family_name", "birthdate", "address", "locality", "country", "nationalities");
        disclosures.Count(d => d["name"] is null).Should().Be(2, "each of the two nationalities is an array-element Disclosure");
        var givenName = disclosures.Single(d => d["name"]?.GetValue<string>() == "given_name");
        givenName["value"]!.GetValue<string>().Should().Be("Ada");
        givenName["salt"]!.GetValue<string>().Should().NotBeEmpty();
        var topLevelDigests = decoded["payload"]!["_sd"]!.AsArray().Select(d => d!.GetValue<string>());
        topLevelDigests.Should().Contain(givenName["digest"]!.GetValue<string>());
        decoded["x5c"]!.AsArray().Should().ContainSingle().Which!["subject"]!.GetValue<string>().Should().Contain("SD-JWT VC Issuer");
        decoded["keyBinding"].Should().BeNull();
    }

    [Fact]
    public async Task Decoded_digest_is_the_base64url_SHA_256_of_the_encoded_Disclosure_RFC9901_4_2_3()
    {
        var credential = await IssuerSetup.IssueAsync(_cli);
        var compact = (await File.ReadAllTextAsync(credential)).Trim();
        var firstDisclosure = compact.Split('~')[1];

        var decoded = (await _cli.RunAsync("decode", credential)).Json;

        var expected = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(firstDisclosure))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        decoded["disclosures"]![0]!["digest"]!.GetValue<string>().Should().Be(expected);
    }

    [Fact]
    public async Task Decode_shows_the_KB_JWT_header_and_payload_of_a_presentation_RFC9901_4_3()
    {
        var credential = await IssuerSetup.IssueAsync(_cli);
        var presentation = await IssuerSetup.PresentAsync(_cli, credential, "aud-1", "nonce-1", "given_name");

        var decoded = (await _cli.RunAsync("decode", presentation)).Json;

        var keyBinding = decoded["keyBinding"]!.AsObject();
        keyBinding["header"]!["typ"]!.GetValue<string>().Should().Be("kb+jwt");
        keyBinding["payload"]!["aud"]!.GetValue<string>().Should().Be("aud-1");
        keyBinding["payload"]!["nonce"]!.GetValue<string>().Should().Be("nonce-1");
        keyBinding["payload"]!["sd_hash"].Should().NotBeNull();
        decoded["disclosures"]!.AsArray().Select(d => d!["name"]?.GetValue<string>()).Should().Equal("given_name");
    }

    [Fact]
    public async Task Decode_of_text_that_is_not_an_SD_JWT_exits_with_1_and_the_error_code()
    {
        await File.WriteAllTextAsync(_cli.PathOf("junk.txt"), "not-a-token");

        var run = await _cli.RunAsync("decode", _cli.PathOf("junk.txt"));

        run.ExitCode.Should().Be(1, run.ToString());
        run.Stderr.Should().Contain("sd_jwt.malformed");
        run.Stdout.Should().BeEmpty();
    }
}
