using Wallet.Core.SdJwt;
using Wallet.Core.SdJwtVc;
using Wallet.Core.Trust;
using Wallet.Core.Verification;

namespace Wallet.Docs.Tests;

/// <summary>The Wallet.Core README opens with the two programs a newcomer copies: verify a presentation, issue a PID.</summary>
public sealed class CoreReadmeProgramTests
{
    private const string Readme = "src/Wallet.Core/README.md";

    [Fact]
    public void The_core_readme_opens_with_the_verify_and_the_issue_program()
    {
        ReadmeCodeBlocks.All.Where(b => b.Readme == Readme).Take(2).Select(b => (b.Heading, b.Runs))
            .Should().Equal(("Verify a presentation", true), ("Issue a PID", true));
    }

    [Fact]
    public void The_verify_program_prints_valid_then_the_code_of_the_wrong_nonce()
    {
        var outcome = ReadmeCodeBlockCheck.Check(Program("Verify a presentation"));

        outcome.Failures.Should().BeEmpty();
        outcome.Run!.OutputLines.Should().Equal("valid: Erika", "invalid: " + SdJwtErrorCodes.KeyBindingNonceMismatch);
    }

    [Fact]
    public async Task The_issue_program_prints_a_pid_that_verifies_under_the_root_it_prints()
    {
        var outcome = ReadmeCodeBlockCheck.Check(Program("Issue a PID"));
        outcome.Failures.Should().BeEmpty();
        var lines = outcome.Run!.OutputLines;
        var (credential, rootPem) = (lines[0], string.Join('\n', lines.Skip(1)));

        var verifiers = CredentialVerifiers.Create(new CredentialVerificationOptions
        {
            TrustAnchors = TrustAnchorStore.FromPem(rootPem),
            AcceptedVcts = [PidSdJwtVc.Vct],
        });
        var result = await verifiers.SdJwtVc.VerifyAsync(credential, keyBinding: null);

        result.Errors.Should().BeEmpty();
        result.Vct.Should().Be(PidSdJwtVc.Vct);
        result.Claims!["given_name"]!.GetValue<string>().Should().Be("Erika");
        result.Claims["place_of_birth"]!["locality"]!.GetValue<string>().Should().Be("Berlin");
        result.DisclosedPaths.Select(p => p.ToString()).Should().Contain(["given_name", "family_name", "birthdate", "nationalities/0"]);
    }

    private static ReadmeCodeBlock Program(string heading) =>
        ReadmeCodeBlocks.All.Single(b => b.Readme == Readme && b.Heading == heading);
}
