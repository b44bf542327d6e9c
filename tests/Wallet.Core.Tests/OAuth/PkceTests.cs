using Wallet.Core.OAuth;
using Wallet.Core.Tests.TestSupport;

namespace Wallet.Core.Tests.OAuth;

/// <summary>PKCE (RFC 7636) with S256 only (HAIP 1.0 §4).</summary>
public sealed class PkceTests
{
    private static readonly string Verifier = Vectors.Load("oauth", "pkce-dpop-thumbprint.json")["rfc7636_pkce_appendix_b"]!["code_verifier"]!.GetValue<string>();
    private static readonly string Challenge = Vectors.Load("oauth", "pkce-dpop-thumbprint.json")["rfc7636_pkce_appendix_b"]!["code_challenge"]!.GetValue<string>();

    [Fact]
    public void S256_challenge_of_the_appendix_B_verifier_is_the_published_value_RFC7636_AppB()
    {
        Pkce.ComputeChallenge(Verifier).Should().Be(Challenge);
        Pkce.TryVerify(Verifier, Challenge, out var error).Should().BeTrue(error?.ToString());
    }

    [Fact]
    public void Created_verifier_is_43_unreserved_characters_and_verifies_against_its_challenge_RFC7636_4_1()
    {
        var verifier = Pkce.CreateVerifier();

        verifier.Should().HaveLength(43);
        Pkce.IsValidVerifier(verifier).Should().BeTrue();
        Pkce.TryVerify(verifier, Pkce.ComputeChallenge(verifier), out _).Should().BeTrue();
        Pkce.CreateVerifier().Should().NotBe(verifier);
    }

    [Theory]
    [InlineData(null, OAuthErrorCodes.PkceVerifierInvalid)]
    [InlineData("too-short", OAuthErrorCodes.PkceVerifierInvalid)]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjX!", OAuthErrorCodes.PkceVerifierInvalid)]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXl", OAuthErrorCodes.PkceMismatch)]
    public void Wrong_or_malformed_verifier_is_rejected_RFC7636_4_6(string? verifier, string code)
    {
        Pkce.TryVerify(verifier, Challenge, out var error).Should().BeFalse();
        error!.Code.Should().Be(code);
    }

    [Fact]
    public void Verifier_longer_than_128_characters_is_rejected_RFC7636_4_1()
    {
        Pkce.TryVerify(new string('a', 129), Challenge, out var error).Should().BeFalse();
        error!.Code.Should().Be(OAuthErrorCodes.PkceVerifierInvalid);
    }

    [Theory]
    [InlineData("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "S256", null)]
    [InlineData("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", null, OAuthErrorCodes.PkceMethodNotSupported)]
    [InlineData("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "plain", OAuthErrorCodes.PkceMethodNotSupported)]
    [InlineData("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "s256", OAuthErrorCodes.PkceMethodNotSupported)]
    [InlineData(null, "S256", OAuthErrorCodes.PkceChallengeInvalid)]
    [InlineData("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c", "S256", OAuthErrorCodes.PkceChallengeInvalid)]
    [InlineData("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw+cM", "S256", OAuthErrorCodes.PkceChallengeInvalid)]
    public void Authorization_request_challenge_must_be_S256_RFC7636_4_4_1_HAIP_4(string? challenge, string? method, string? code)
    {
        var ok = Pkce.TryValidateChallenge(challenge, method, out var error);

        ok.Should().Be(code is null);
        error?.Code.Should().Be(code);
    }
}
