namespace Wallet.Hosting.Pages;

/// <summary>
/// A language the services' pages are written in: Norwegian bokmål or English. A closed set, because every page text
/// exists in each of them (<see cref="PageText{T}"/> takes one of each, so a missing translation does not compile).
/// </summary>
public sealed class PageLanguage
{
    private PageLanguage(string code, string name)
    {
        Code = code;
        Name = name;
    }

    /// <summary>Norwegian bokmål (<c>nb</c>).</summary>
    public static PageLanguage Norwegian { get; } = new("nb", "Norsk bokmål");

    /// <summary>English (<c>en</c>).</summary>
    public static PageLanguage English { get; } = new("en", "English");

    /// <summary>
    /// The language of a request that asks for neither: English, the language a traveller's wallet and an EU relying
    /// party most likely share; a Norwegian browser asks for <c>nb</c> (or <c>no</c>, <c>nn</c>) and gets it.
    /// </summary>
    public static PageLanguage Default => English;

    /// <summary>Every page language, in the order the language switch lists them.</summary>
    public static IReadOnlyList<PageLanguage> All { get; } = [Norwegian, English];

    /// <summary>The BCP 47 tag, for <c>&lt;html lang&gt;</c>, <c>Content-Language</c> and the <c>lang</c> switch.</summary>
    public string Code { get; }

    /// <summary>The language's name in itself, as the language switch shows it.</summary>
    public string Name { get; }

    /// <summary>
    /// The page language for a BCP 47 tag: <c>nb</c>, <c>no</c> and <c>nn</c> (with any region) read bokmål, since
    /// Norwegian readers of nynorsk read bokmål more easily than English; <c>en</c> with any region reads English.
    /// </summary>
    public static PageLanguage? FromTag(ReadOnlySpan<char> tag)
    {
        var dash = tag.IndexOf('-');
        var primary = dash < 0 ? tag : tag[..dash];
        return primary.Equals("nb", StringComparison.OrdinalIgnoreCase) || primary.Equals("no", StringComparison.OrdinalIgnoreCase) || primary.Equals("nn", StringComparison.OrdinalIgnoreCase)
            ? Norwegian
            : primary.Equals("en", StringComparison.OrdinalIgnoreCase) ? English : null;
    }

    /// <inheritdoc />
    public override string ToString() => Code;
}
