using System.Text.Json.Nodes;

namespace Wallet.Cli.Tests;

/// <summary>
/// Every claim path the tool prints (decode's <c>disclosablePaths</c>, verify's <c>disclosed</c>, the element lists)
/// is accepted back unchanged by <c>present --disclose</c> and discloses exactly that claim (OpenID4VP 1.0 §7: a
/// member name may be any string, digits included, so <c>age_equal_or_over/18</c> names a member, not an index).
/// </summary>
public sealed class ClaimPathRoundTripTests : IDisposable
{
    private const string Audience = "x509_san_dns:verifier.example";
    private const string Nonce = "n-0S6_WzA2Mj";
    private const string Oid4Vp = "x509_san_dns:verifier.example,n-0S6_WzA2Mj,https://verifier.example/response";

    // PID claims as the PID Rule Book encodes them in SD-JWT VC, with the age statements as members named by digits,
    // plus names that look like path syntax.
    private const string PidClaims = """
        {
          "given_name": "Ada",
          "family_name": "Sample",
          "birthdate": "1990-05-17",
          "place_of_birth": { "country": "PT", "locality": "Lisboa" },
          "nationalities": ["PT", "NL"],
          "address": { "locality": "Lisboa", "country": "PT", "street_address": "Rua do Exemplo" },
          "age_equal_or_over": { "12": true, "18": true, "65": false },
          "age_in_years": 36,
          "odd_names": { "*": "star", "a/b": "slash", "x~y": "tilde", "0": { "1": "nested digits" } },
          "mixed": [{ "0": "member 0 of an object" }, ["element 0 of an array"]],
          "[bracket": "first name starting with a bracket"
        }
        """;

    private const string MdocClaims = """
        {
          "eu.europa.ec.eudi.pid.1": {
            "given_name": "Ada",
            "birth_date": "1990-05-17",
            "nationality": ["PT", "NL"],
            "age_over_18": true
          },
          "org.example.test.1": { "18": true, "*": "star", "a/b": "slash" }
        }
        """;

    private readonly CliFixture _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Every_disclosable_path_decode_prints_for_a_PID_SD_JWT_VC_is_accepted_by_present_and_discloses_exactly_it_OID4VP_7()
    {
        var credential = await IssueSdJwtAsync();
        var decoded = JsonNode.Parse(await _cli.RunOkAsync("decode", credential))!;
        var disclosable = decoded["disclosablePaths"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        disclosable.Should().Contain(["age_equal_or_over/18", "nationalities/0", "nationalities", "odd_names/*", "odd_names/a~1b", "odd_names/x~0y", "odd_names/0/1", "mixed/0/0", "mixed/1/0", "[\"[bracket\"]"]);

        foreach (var path in disclosable)
        {
            var presentation = await PresentSdJwtAsync(credential, path);
            var verified = await _cli.RunAsync("verify", presentation, "--trust", _cli.PathOf("ca.pem"), "--aud", Audience, "--nonce", Nonce);
            verified.ExitCode.Should().Be(0, $"--disclose {path}: {verified}");

            // Exactly the claim: its own Disclosure, those it is nested in and those nested in it (a disclosed object
            // is disclosed whole); never a sibling such as 'odd_names/a~1b' for 'odd_names/*'. The verifier numbers
            // array elements as it sees them (an element presented alone is its element 0), so where an array
            // element is involved only the count is compared.
            var expected = disclosable.Where(other => IsPrefixOf(other, path) || IsPrefixOf(path, other)).ToList();
            var disclosed = verified.Json["disclosed"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
            if (expected.Any(p => p.StartsWith("nationalities/", StringComparison.Ordinal) || p.StartsWith("mixed/", StringComparison.Ordinal)))
            {
                disclosed.Should().HaveSameCount(expected, $"--disclose {path}");
            }
            else
            {
                disclosed.Should().BeEquivalentTo(expected, $"--disclose {path}");
            }
        }
    }

    [Theory]
    [InlineData("age_equal_or_over/18", "age_equal_or_over", "18", "true")]
    [InlineData("nationalities/1", "nationalities", null, "\"NL\"")]
    [InlineData("odd_names/*", "odd_names", "*", "\"star\"")]
    [InlineData("odd_names/a~1b", "odd_names", "a/b", "\"slash\"")]
    [InlineData("[\"age_equal_or_over\",\"65\"]", "age_equal_or_over", "65", "false")]
    public async Task Disclosed_path_shows_the_claim_it_names_in_verify_claims_OID4VP_7_1(string path, string claim, string? member, string value)
    {
        var credential = await IssueSdJwtAsync();

        var presentation = await PresentSdJwtAsync(credential, path);
        var verified = await _cli.RunAsync("verify", presentation, "--trust", _cli.PathOf("ca.pem"), "--aud", Audience, "--nonce", Nonce);

        verified.ExitCode.Should().Be(0, verified.ToString());
        var claims = verified.Json["claims"]!.AsObject();
        claims.Select(c => c.Key).Should().BeEquivalentTo([claim]);
        var shown = member is null ? claims[claim]!.AsArray().Single() : claims[claim]!.AsObject().Should().ContainSingle().Subject.Value;
        shown!.ToJsonString().Should().Be(value);
        if (member is not null)
        {
            claims[claim]!.AsObject().Single().Key.Should().Be(member);
        }
    }

    [Theory]
    [InlineData("odd_names/x~y", "'~0'")]
    [InlineData("odd_names/x~", "'~0'")]
    [InlineData("", "must not be empty")]
    [InlineData("mixed/*/0", "meets both arrays and objects")]
    [InlineData("[\"a\",", "not a valid JSON array")]
    public async Task Malformed_claim_path_is_a_usage_error_that_says_how_to_write_it(string path, string message)
    {
        var credential = await IssueSdJwtAsync();

        var run = await _cli.RunAsync("present", credential, "--disclose", path);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain(message);
    }

    [Fact]
    public async Task Issue_sd_reads_paths_against_the_claims_file_so_a_digit_member_is_a_member_OID4VP_7()
    {
        await IssuerSetup.IssueAsync(_cli);
        await File.WriteAllTextAsync(_cli.PathOf("pid.json"), PidClaims);

        var issued = await _cli.RunAsync(IssueArgs("--sd", "age_equal_or_over/18", "--sd", "nationalities/1"));

        issued.ExitCode.Should().Be(0, issued.ToString());
        await File.WriteAllTextAsync(_cli.PathOf("limited.txt"), issued.Stdout);
        var decoded = JsonNode.Parse(await _cli.RunOkAsync("decode", _cli.PathOf("limited.txt")))!;
        decoded["disclosablePaths"]!.AsArray().Select(p => p!.GetValue<string>()).Should().BeEquivalentTo("age_equal_or_over/18", "nationalities/1");
    }

    [Fact]
    public async Task Every_mdoc_element_decode_prints_is_accepted_by_present_and_discloses_exactly_it_OID4VP_7_2()
    {
        var credential = await IssueMdocAsync();
        var decoded = JsonNode.Parse(await _cli.RunOkAsync("decode", credential))!;
        var elements = decoded["nameSpaces"]!.AsObject()
            .SelectMany(ns => ns.Value!.AsArray().Select(item => (NameSpace: ns.Key, Element: item!["elementIdentifier"]!.GetValue<string>())))
            .ToList();
        elements.Should().HaveCount(7);

        foreach (var (nameSpace, element) in elements)
        {
            var path = $"{nameSpace}/{element.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}";
            var presented = await _cli.RunAsync("present", credential, "--holder-key", _cli.PathOf("holder.key"), "--oid4vp", Oid4Vp, "--disclose", path);
            presented.ExitCode.Should().Be(0, $"--disclose {path}: {presented}");
            await File.WriteAllTextAsync(_cli.PathOf("device-response.b64"), presented.Stdout);

            var verified = await _cli.RunAsync("verify", _cli.PathOf("device-response.b64"), "--trust", _cli.PathOf("ca.pem"), "--oid4vp", Oid4Vp);

            verified.ExitCode.Should().Be(0, $"--disclose {path}: {verified}");
            var claims = verified.Json["claims"]!.AsObject();
            claims.Select(c => c.Key).Should().BeEquivalentTo([nameSpace], path);
            claims[nameSpace]!.AsObject().Select(c => c.Key).Should().BeEquivalentTo([element], path);
        }
    }

    [Fact]
    public async Task Mdoc_element_list_in_an_error_is_written_as_present_reads_it()
    {
        var credential = await IssueMdocAsync();

        var run = await _cli.RunAsync("present", credential, "--holder-key", _cli.PathOf("holder.key"), "--oid4vp", Oid4Vp, "--disclose", "org.example.test.1/missing");

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain("org.example.test.1/18").And.Contain("org.example.test.1/a~1b").And.Contain("org.example.test.1/*");
    }

    // A path text is a prefix of another when its segments start the other's (never a string prefix: 'name' is not a prefix of 'name_birth').
    private static bool IsPrefixOf(string prefix, string path)
    {
        var a = prefix.Split('/');
        var b = path.Split('/');
        return !prefix.StartsWith('[') && !path.StartsWith('[') ? a.Length <= b.Length && a.SequenceEqual(b.Take(a.Length)) : prefix == path;
    }

    private string[] IssueArgs(params string[] extra) =>
    [
        "issue", "sd-jwt", "--claims", _cli.PathOf("pid.json"), "--key", _cli.PathOf("issuer.key.pem"), "--x5c", _cli.PathOf("issuer.pem"),
        "--holder-key", _cli.PathOf("holder.key"), "--vct", IssuerSetup.Vct, "--iss", "https://issuer.example", .. extra,
    ];

    private async Task<string> IssueSdJwtAsync()
    {
        await IssuerSetup.IssueAsync(_cli);
        await File.WriteAllTextAsync(_cli.PathOf("pid.json"), PidClaims);
        var path = _cli.PathOf("pid.txt");
        await File.WriteAllTextAsync(path, await _cli.RunOkAsync(IssueArgs()));
        return path;
    }

    private async Task<string> PresentSdJwtAsync(string credential, string path)
    {
        var run = await _cli.RunAsync("present", credential, "--holder-key", _cli.PathOf("holder.key"), "--aud", Audience, "--nonce", Nonce, "--disclose", path);
        run.ExitCode.Should().Be(0, $"--disclose {path}: {run}");
        var file = _cli.PathOf("presentation.txt");
        await File.WriteAllTextAsync(file, run.Stdout);
        return file;
    }

    private async Task<string> IssueMdocAsync()
    {
        await MdocSetup.IssueAsync(_cli);
        await File.WriteAllTextAsync(_cli.PathOf("mdoc-claims.json"), MdocClaims);
        string[] args =
        [
            "issue", "mdoc", "--doctype", MdocSetup.DocType, "--claims", _cli.PathOf("mdoc-claims.json"), "--key", _cli.PathOf("ds.key.pem"),
            "--x5c", _cli.PathOf("ds.pem"), "--holder-key", _cli.PathOf("holder.key"),
        ];
        var path = _cli.PathOf("pid-mdoc.b64");
        await File.WriteAllTextAsync(path, await _cli.RunOkAsync(args));
        return path;
    }
}
