namespace Wallet.Hosting;

/// <summary>
/// Where the error codes are documented: <c>error_uri</c> and problem <c>type</c> URIs are this page with the code as
/// its fragment, so every error on the wire links to its row in <c>specs/error-codes.md</c>. Bound from the
/// configuration section <see cref="SectionName"/>.
/// </summary>
public sealed class ErrorDocumentationOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "ErrorDocumentation";

    /// <summary>The published <c>specs/error-codes.md</c> of the project; an agency may point it at its own copy.</summary>
    public static readonly Uri DefaultPage = new("https://github.com/eudi-pid/wallet/blob/main/specs/error-codes.md");

    /// <summary>The page listing the error codes, each with an anchor named after the code.</summary>
    public Uri Page { get; set; } = DefaultPage;

    /// <summary>The URI of one code's entry: the page with the code as fragment.</summary>
    /// <param name="code">An error code listed in the page, such as <c>invalid_grant</c> or <c>dcql.vct_mismatch</c>.</param>
    public Uri For(string code)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        return new UriBuilder(Page) { Fragment = Uri.EscapeDataString(code) }.Uri;
    }
}
