using Microsoft.AspNetCore.Http;
using Wallet.Hosting.Pages;

namespace Wallet.Hosting.Tests;

/// <summary>
/// How every page picks Norwegian bokmål or English: the switch's <c>lang</c> parameter (then remembered in a cookie), the
/// cookie, <c>Accept-Language</c> by quality (RFC 9110 §12.5.4), English otherwise.
/// </summary>
public sealed class PageLocalizationTests
{
    [Theory]
    [InlineData(null, "en")]
    [InlineData("nb-NO,nb;q=0.9,en;q=0.8", "nb")]
    [InlineData("no", "nb")]
    [InlineData("nn-NO", "nb")]
    [InlineData("en-US,en;q=0.9", "en")]
    [InlineData("en;q=0.5, nb;q=0.8", "nb")]
    [InlineData("nb;q=0, en", "en")]
    [InlineData("de-DE, fr;q=0.9, nb;q=0.2", "nb")]
    [InlineData("de-DE, fr;q=0.9", "en")]
    [InlineData("*", "en")]
    public void Accept_Language_picks_the_first_supported_language_by_quality_RFC9110_12_5_4(string? acceptLanguage, string expected)
    {
        var context = new DefaultHttpContext();
        if (acceptLanguage is not null)
        {
            context.Request.Headers.AcceptLanguage = acceptLanguage;
        }

        PageLocalization.LanguageOf(context).Code.Should().Be(expected);
        context.Response.Headers.ContentLanguage.ToString().Should().Be(expected);
        context.Response.Headers.Vary.ToString().Should().Contain("Accept-Language");
        context.Response.Headers.SetCookie.Should().BeEmpty("only the switch sets the cookie");
    }

    [Fact]
    public void The_switch_parameter_wins_over_Accept_Language_and_is_remembered_in_a_cookie()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.AcceptLanguage = "en-US";
        context.Request.QueryString = new QueryString("?request_uri=urn%3Ax&lang=nb");
        context.Request.IsHttps = true;

        PageLocalization.LanguageOf(context).Should().BeSameAs(PageLanguage.Norwegian);

        var cookie = context.Response.Headers.SetCookie.ToString();
        cookie.Should().StartWith("lang=nb").And.Contain("httponly").And.Contain("secure").And.Contain("samesite=lax").And.Contain("path=/");
    }

    [Fact]
    public void The_cookie_wins_over_Accept_Language_and_an_unknown_switch_value_is_ignored()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.AcceptLanguage = "en-US";
        context.Request.Headers.Cookie = "lang=nb";
        context.Request.QueryString = new QueryString("?lang=xx");

        PageLocalization.LanguageOf(context).Should().BeSameAs(PageLanguage.Norwegian);
        context.Response.Headers.SetCookie.Should().BeEmpty();
    }

    [Fact]
    public void The_switch_links_to_the_same_page_in_each_language_keeping_the_query()
    {
        var context = new DefaultHttpContext();
        context.Request.PathBase = "/issuer";
        context.Request.Path = "/authorize";
        context.Request.QueryString = new QueryString("?client_id=w&request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Aabc&lang=en");

        var html = PageLocalization.LanguageSwitchHtml(context);

        html.Should().StartWith("<nav class=\"language-switch\" aria-label=\"Language\">");
        html.Should().Contain("<a href=\"/issuer/authorize?client_id=w&amp;request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Aabc&amp;lang=nb\" lang=\"nb\" hreflang=\"nb\">Norsk bokm&#xE5;l</a>");
        html.Should().Contain("lang=en\" lang=\"en\" hreflang=\"en\" aria-current=\"true\">English</a>");
    }

    [Fact]
    public void A_page_text_table_answers_in_the_requested_language()
    {
        var text = new PageText<string>("Hei", "Hello");

        text.In(PageLanguage.Norwegian).Should().Be("Hei");
        text.In(PageLanguage.English).Should().Be("Hello");
    }
}
