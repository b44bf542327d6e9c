using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Wallet.Core.Claims;
using Wallet.Core.SdJwt;
using Wallet.Core.Tests.TestSupport;

namespace Wallet.Core.Tests.SdJwt;

/// <summary>
/// The sd-jwt-python interoperability cases (Vectors/sd-jwt/python-testcases): issue the user claims with the tagged
/// claims selectively disclosable, present what the holder discloses, verify, and compare with the expected claims.
/// </summary>
public class SdJwtPythonTestCases
{
    private static readonly DateTimeOffset Iat = DateTimeOffset.FromUnixTimeSeconds(1683000000);
    private static readonly JsonObject Cases = Vectors.Load("sd-jwt", "python-testcases", "cases.json").AsObject();

    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (var (name, _) in Cases)
        {
            names.Add(name);
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Issue_disclose_verify_gives_the_expected_claims_RFC9901_7(string name)
    {
        var testCase = Cases[name]!;
        var issuer = Vectors.Rfc9901Key("issuer");
        var holder = Vectors.Rfc9901Key("holder");
        var keyBinding = testCase["key_binding"]!.GetValue<bool>();
        var claims = new JsonObject
        {
            ["iss"] = "https://example.com/issuer",
            ["iat"] = Iat.ToUnixTimeSeconds(),
            ["exp"] = Iat.AddSeconds(86400000).ToUnixTimeSeconds(),
        };
        if (keyBinding)
        {
            claims["cnf"] = new JsonObject { ["jwk"] = holder.PublicJwk.ToJsonObject() };
        }

        foreach (var (claim, value) in testCase["user_claims"]!.AsObject())
        {
            claims[claim] = value?.DeepClone();
        }

        var issued = SdJwtIssuer.Issue(claims, Paths(testCase["sd_paths"]!), issuer, new SdJwtIssuanceOptions { Type = "example+sd-jwt" });
        Wallet.Core.SdJwt.SdJwt.TryParse(issued, SdJwtLimits.Default, out var parsed, out var error).Should().BeTrue(error?.ToString());
        var presentation = SdJwtHolder.Present(
            parsed!,
            Paths(testCase["holder_disclose_paths"]!),
            keyBinding ? new KeyBindingOptions(holder, "https://example.com/verifier", "1234567890", Iat) : null);

        var result = await new SdJwtVerifier(new SdJwtVerifierOptions
        {
            IssuerKeyResolver = new StaticIssuerKeyResolver(issuer.PublicJwk),
            TimeProvider = new FakeTimeProvider(Iat),
        }).VerifyAsync(presentation, keyBinding ? new KeyBindingExpectation("https://example.com/verifier", "1234567890") : null);

        result.Errors.Should().BeEmpty();
        var verified = result.Payload!.DeepClone().AsObject();
        foreach (var registered in new[] { "iss", "iat", "exp", "cnf" })
        {
            verified.Remove(registered);
        }

        JsonNode.DeepEquals(verified, testCase["expect_verified_user_claims"]).Should().BeTrue($"{name}: got {verified.ToJsonString()}");
    }

    private static ClaimPath[] Paths(JsonNode paths)
    {
        return paths.AsArray().Select(path =>
        {
            using var document = JsonDocument.Parse(path!.ToJsonString());
            ClaimPath.TryParse(document.RootElement, out var parsed, out var error).Should().BeTrue(error);
            return parsed!;
        }).ToArray();
    }
}
