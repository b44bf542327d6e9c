namespace Wallet.Core.Tests.Documentation;

/// <summary>
/// <c>specs/error-codes.md</c> is generated from the error-code classes and must match them; with
/// <c>UPDATE_ERROR_CODES=1</c> the test rewrites it instead.
/// </summary>
public sealed class ErrorCodesDocumentTests
{
    [Fact]
    public void The_error_code_page_matches_the_error_code_classes()
    {
        var root = FindRoot();
        var path = Path.Combine(root, ErrorCodesDocument.RelativePath);
        var generated = ErrorCodesDocument.Generate(root);
        if (Environment.GetEnvironmentVariable("UPDATE_ERROR_CODES") == "1")
        {
            File.WriteAllText(path, generated);
        }

        var committed = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : string.Empty;
        committed.Should().Be(
            generated,
            $"{ErrorCodesDocument.RelativePath} is generated from the *ErrorCodes / *Errors classes; regenerate it with "
            + "UPDATE_ERROR_CODES=1 dotnet test tests/Wallet.Core.Tests -c Release --filter FullyQualifiedName~ErrorCodesDocumentTests");
    }

    [Theory]
    [InlineData(Wallet.Core.OAuth.OAuthErrors.InvalidGrant)]
    [InlineData(Wallet.Core.OAuth.OAuthErrors.UseDpopNonce)]
    [InlineData(Wallet.Core.OpenId4Vci.OpenId4VciErrors.InvalidProof)]
    [InlineData(Wallet.Core.SdJwt.SdJwtErrorCodes.SignatureInvalid)]
    [InlineData(Wallet.Core.Dcql.DcqlErrorCodes.VctMismatch)]
    [InlineData(Wallet.Core.Mdoc.MdocErrorCodes.DigestMismatch)]
    public void Every_code_has_an_anchor_on_the_page(string code) =>
        ErrorCodesDocument.Anchors(ErrorCodesDocument.Generate(FindRoot())).Should().Contain(code);

    [Fact]
    public void Each_row_gives_the_clause_cited_in_the_codes_documentation()
    {
        var page = ErrorCodesDocument.Generate(FindRoot());

        page.Should().Contain("| <a id=\"sd_jwt.signature_invalid\"></a>`sd_jwt.signature_invalid` | The Issuer signature does not verify. | RFC 9901 §7.1 2.b, §9.1 |");
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Wallet.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Wallet.sln not found above the test output.");
    }
}
