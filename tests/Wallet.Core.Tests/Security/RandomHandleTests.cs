using System.Buffers.Text;
using Wallet.Core.Security;

namespace Wallet.Core.Tests.Security;

/// <summary>The one generator of codes, tokens, nonces, salts and ids: base64url, at least 128 bits, never repeated.</summary>
public sealed class RandomHandleTests
{
    [Theory]
    [InlineData(16, 22)]
    [InlineData(32, 43)]
    [InlineData(33, 44)]
    [InlineData(256, 342)]
    public void A_handle_is_the_base64url_of_the_asked_number_of_bytes_without_padding_RFC4648_5(int bytes, int characters)
    {
        var handle = RandomHandle.Create(bytes);

        handle.Should().HaveLength(characters).And.MatchRegex("^[A-Za-z0-9_-]+$");
        Base64Url.DecodeFromChars(handle).Should().HaveCount(bytes);
    }

    [Fact]
    public void The_default_handle_has_256_bits()
    {
        Base64Url.DecodeFromChars(RandomHandle.Create()).Should().HaveCount(32);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    [InlineData(15)]
    [InlineData(257)]
    public void A_handle_of_fewer_than_128_bits_or_of_more_than_256_bytes_is_refused_RFC6749_10_10(int bytes)
    {
        var create = () => RandomHandle.Create(bytes);

        create.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(nameof(bytes));
    }

    [Fact]
    public void Handles_do_not_repeat_and_use_every_byte_value()
    {
        var handles = Enumerable.Range(0, 2000).Select(_ => RandomHandle.Create(RandomHandle.MinimumBytes)).ToList();

        handles.Should().OnlyHaveUniqueItems();
        // 32,000 random bytes hit every one of the 256 values with near certainty; a generator stuck on a few does not.
        handles.SelectMany(h => Base64Url.DecodeFromChars(h)).Distinct().Should().HaveCount(256);
    }
}
