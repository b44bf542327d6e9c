namespace Wallet.Docs.Tests;

/// <summary>Every C# block of the repository's and every package's README compiles, and every program among them runs and prints what it says.</summary>
public sealed class PackageReadmeTests
{
    /// <summary>One row per block, named by README and line.</summary>
    public static TheoryData<string> Blocks => new(ReadmeCodeBlocks.All.Select(b => b.Location));

    [Fact]
    public void The_package_readmes_are_found_next_to_the_tests()
    {
        // Guards the theory below: a build that copied no README would otherwise pass with no row.
        ReadmeCodeBlocks.Readmes.Should().Contain(["README.md", "src/Wallet.Core/README.md", "src/Wallet.Issuer.Hosting/README.md", "src/Wallet.Verifier.Hosting/README.md"]);
        ReadmeCodeBlocks.All.Select(b => b.Readme).Should().Contain(["src/Wallet.Core/README.md", "src/Wallet.Issuer.Hosting/README.md", "src/Wallet.Verifier.Hosting/README.md"]);
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Every_csharp_block_compiles_and_every_program_runs_as_its_readme_says(string location)
    {
        var outcome = ReadmeCodeBlockCheck.Check(ReadmeCodeBlocks.At(location));

        outcome.Failures.Should().BeEmpty();
    }
}
