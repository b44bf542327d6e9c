using System.Text.Json.Nodes;

namespace Wallet.Cli.Tests;

/// <summary><c>dcql match</c> over an issued SD-JWT VC and an issued mdoc, through <see cref="CliApp"/>.</summary>
public sealed class DcqlCommandTests : IDisposable
{
    private const string BothQuery = """
        {
          "credentials": [
            {
              "id": "pid_sd_jwt",
              "format": "dc+sd-jwt",
              "meta": { "vct_values": ["urn:eudi:pid:1"] },
              "claims": [ { "path": ["given_name"] }, { "path": ["address", "locality"] } ]
            },
            {
              "id": "pid_mdoc",
              "format": "mso_mdoc",
              "meta": { "doctype_value": "eu.europa.ec.eudi.pid.1" },
              "claims": [ { "path": ["eu.europa.ec.eudi.pid.1", "birth_date"] } ]
            }
          ]
        }
        """;

    private readonly CliFixture _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Each_Credential_Query_is_answered_by_the_credential_of_its_format_with_the_paths_to_disclose_OID4VP_6_4()
    {
        var (sdJwt, mdoc) = await IssueBothAsync();
        var query = await WriteAsync("query.json", BothQuery);

        var run = await _cli.RunAsync("dcql", "match", "--query", query, sdJwt, mdoc);

        run.ExitCode.Should().Be(0, run.ToString());
        var report = run.Json;
        report["satisfiable"]!.GetValue<bool>().Should().BeTrue();
        report["requested"]!.AsArray().Select(i => i!.GetValue<string>()).Should().Equal("pid_sd_jwt", "pid_mdoc");
        report["errors"]!.AsArray().Should().BeEmpty();
        var queries = report["credentialQueries"]!.AsArray();
        var sdJwtCandidate = queries[0]!["candidates"]!.AsArray().Should().ContainSingle().Subject!;
        sdJwtCandidate["file"]!.GetValue<string>().Should().Be(sdJwt);
        sdJwtCandidate["disclose"]!.AsArray().Select(p => p!.GetValue<string>()).Should().Equal("given_name", "address/locality");
        Codes(queries[0]!["rejected"]![0]!["errors"]!).Should().Contain("dcql.format_mismatch");
        var mdocCandidate = queries[1]!["candidates"]!.AsArray().Should().ContainSingle().Subject!;
        mdocCandidate["file"]!.GetValue<string>().Should().Be(mdoc);
        mdocCandidate["paths"]![0]!.AsArray().Select(p => p!.GetValue<string>()).Should().Equal("eu.europa.ec.eudi.pid.1", "birth_date");
    }

    [Fact]
    public async Task Paths_printed_by_match_are_accepted_by_present_OID4VP_7_1()
    {
        var (sdJwt, _) = await IssueBothAsync();
        var query = await WriteAsync("query.json", BothQuery);
        var match = (await _cli.RunAsync("dcql", "match", "--query", query, sdJwt)).Json;
        var disclose = match["credentialQueries"]![0]!["candidates"]![0]!["disclose"]!.AsArray().Select(p => p!.GetValue<string>());

        var presentation = await _cli.RunOkAsync(["present", sdJwt, .. disclose.SelectMany(p => new[] { "--disclose", p })]);
        await File.WriteAllTextAsync(_cli.PathOf("presented.txt"), presentation);
        var verified = await _cli.RunAsync("verify", _cli.PathOf("presented.txt"), "--trust", _cli.PathOf("sd-jwt-ca.pem"));

        verified.ExitCode.Should().Be(0, verified.ToString());
        verified.Json["claims"]!.AsObject().Select(c => c.Key).Should().BeEquivalentTo("given_name", "address");
    }

    [Theory]
    [InlineData("""{"credentials":[{"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":["urn:other:type"]}}]}""", "dcql.vct_mismatch")]
    [InlineData("""{"credentials":[{"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":["urn:eudi:pid:1"]},"claims":[{"path":["given_name"],"values":["Bob"]}]}]}""", "dcql.claim_value_mismatch")]
    [InlineData("""{"credentials":[{"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":["urn:eudi:pid:1"]},"claims":[{"path":["no_such_claim"]}]}]}""", "dcql.claim_missing")]
    [InlineData("""{"credentials":[{"id":"mdl","format":"mso_mdoc","meta":{"doctype_value":"org.iso.18013.5.1.mDL"}}]}""", "dcql.doctype_mismatch")]
    public async Task Query_no_held_credential_answers_exits_with_1_and_says_why_OID4VP_6_4_2(string queryJson, string expectedRejection)
    {
        var (sdJwt, mdoc) = await IssueBothAsync();
        var query = await WriteAsync("query.json", queryJson);

        var run = await _cli.RunAsync("dcql", "match", "--query", query, sdJwt, mdoc);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Json["satisfiable"]!.GetValue<bool>().Should().BeFalse();
        run.Json["requested"]!.AsArray().Should().BeEmpty();
        Codes(run.Json["errors"]!).Should().Equal("dcql.credential_missing");
        run.Json["credentialQueries"]![0]!["rejected"]!.AsArray().SelectMany(r => Codes(r!["errors"]!)).Should().Contain(expectedRejection);
    }

    [Fact]
    public async Task Optional_credential_set_without_a_match_does_not_stop_the_required_one_OID4VP_6_4_2()
    {
        var (sdJwt, _) = await IssueBothAsync();
        var query = await WriteAsync("query.json", """
            {
              "credentials": [
                { "id": "pid", "format": "dc+sd-jwt", "meta": { "vct_values": ["urn:eudi:pid:1"] }, "claims": [ { "path": ["family_name"] } ] },
                { "id": "mdl", "format": "mso_mdoc", "meta": { "doctype_value": "org.iso.18013.5.1.mDL" } }
              ],
              "credential_sets": [
                { "options": [ ["pid"] ] },
                { "options": [ ["mdl"] ], "required": false }
              ]
            }
            """);

        var run = await _cli.RunAsync("dcql", "match", "--query", query, sdJwt);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Json["requested"]!.AsArray().Select(i => i!.GetValue<string>()).Should().Equal("pid");
        var sets = run.Json["credentialSets"]!.AsArray();
        sets[0]!["selectedOption"]!.GetValue<int>().Should().Be(0);
        sets[1]!["selectedOption"].Should().BeNull();
    }

    [Fact]
    public async Task Query_inside_an_authorization_request_is_read_from_dcql_query_OID4VP_5_1()
    {
        var (sdJwt, _) = await IssueBothAsync();
        var query = await WriteAsync("request.json", $$"""{"client_id":"x509_san_dns:verifier.example","nonce":"n","dcql_query":{{BothQuery}}}""");

        var run = await _cli.RunAsync("dcql", "match", "--query", query, sdJwt);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Json["credentialQueries"]![0]!["satisfiable"]!.GetValue<bool>().Should().BeTrue();
        run.Json["credentialQueries"]![1]!["satisfiable"]!.GetValue<bool>().Should().BeFalse();
    }

    [Theory]
    [InlineData("""{"credentials":[]}""", "dcql.empty_array")]
    [InlineData("""{"credentials":[{"format":"dc+sd-jwt","meta":{"vct_values":["urn:eudi:pid:1"]}}]}""", "dcql.missing_member")]
    [InlineData("""{"credentials":[{"id":"a","format":"mso_mdoc","meta":{"doctype_value":"x"},"claims":[{"path":["only_one_segment"]}]}]}""", "dcql.invalid_mdoc_path")]
    [InlineData("""{"credentials": [""", "dcql.invalid_json")]
    public async Task Invalid_query_exits_with_2_and_prints_its_errors_with_their_codes_OID4VP_6(string queryJson, string expectedCode)
    {
        var (sdJwt, _) = await IssueBothAsync();
        var query = await WriteAsync("query.json", queryJson);

        var run = await _cli.RunAsync("dcql", "match", "--query", query, sdJwt);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain("error: ").And.Contain(expectedCode);
        run.Stdout.Should().BeEmpty();
    }

    /// <summary>An SD-JWT VC PID and a PID mdoc, each under its own development CA.</summary>
    private async Task<(string SdJwt, string Mdoc)> IssueBothAsync()
    {
        var sdJwt = await IssuerSetup.IssueAsync(_cli);
        File.Copy(_cli.PathOf("ca.pem"), _cli.PathOf("sd-jwt-ca.pem"), overwrite: true);
        File.Copy(_cli.PathOf("holder.key"), _cli.PathOf("sd-jwt-holder.key"), overwrite: true);
        var mdoc = await MdocSetup.IssueAsync(_cli);
        return (sdJwt, mdoc);
    }

    private async Task<string> WriteAsync(string name, string content)
    {
        var path = _cli.PathOf(name);
        await File.WriteAllTextAsync(path, content);
        return path;
    }

    private static List<string> Codes(JsonNode errors) =>
        errors.AsArray().Select(e => e!["code"]!.GetValue<string>()).ToList();
}
