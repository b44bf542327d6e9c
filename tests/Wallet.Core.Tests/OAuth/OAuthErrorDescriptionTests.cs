using Wallet.Core.OAuth;

namespace Wallet.Core.Tests.OAuth;

/// <summary>error_description character set (RFC 6749 §5.2, OpenID4VCI 1.0 §8.3.1.2).</summary>
public sealed class OAuthErrorDescriptionTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("the \"typ\" header (§4.3)", "the 'typ' header (Sec. 4.3)")]
    [InlineData("path\\to", "path/to")]
    [InlineData("Tromsø\n", "Troms??")]
    public void Disallowed_characters_are_replaced_RFC6749_5_2(string message, string expected)
    {
        var sanitized = OAuthErrorDescription.Sanitize(message);

        sanitized.Should().Be(expected);
        OAuthErrorDescription.IsValid(sanitized).Should().BeTrue();
    }

    [Fact]
    public void Long_messages_are_cut()
    {
        OAuthErrorDescription.Sanitize(new string('§', 1000)).Length.Should().BeLessThanOrEqualTo(OAuthErrorDescription.MaxLength);
        OAuthErrorDescription.IsValid("a\"b").Should().BeFalse();
    }
}
