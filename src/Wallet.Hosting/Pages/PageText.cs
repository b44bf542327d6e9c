namespace Wallet.Hosting.Pages;

/// <summary>
/// The texts of one page in every <see cref="PageLanguage"/>: a record of strings per page, one instance per language.
/// A typed table rather than .resx resources, because the services run with invariant globalization (no culture data,
/// no satellite lookup) and because a text missing in one language is then a compile error, not a fallback at run time.
/// </summary>
/// <typeparam name="T">The page's text record.</typeparam>
/// <param name="norwegian">The page in Norwegian bokmål.</param>
/// <param name="english">The page in English.</param>
public sealed class PageText<T>(T norwegian, T english)
    where T : class
{
    /// <summary>The page's texts in <paramref name="language"/>.</summary>
    public T In(PageLanguage language)
    {
        ArgumentNullException.ThrowIfNull(language);
        return ReferenceEquals(language, PageLanguage.Norwegian) ? norwegian : english;
    }

    /// <summary>The page's texts in the language of this request (see <see cref="PageLocalization.LanguageOf"/>).</summary>
    public T For(Microsoft.AspNetCore.Http.HttpContext context) => In(PageLocalization.LanguageOf(context));
}
