using System.Net.Http.Headers;
using Wallet.Core.Http;

namespace Wallet.Core.Tests.Http;

/// <summary>
/// The one reader of request and response bodies: a body of exactly the limit is read, one byte more is refused, and
/// neither a missing nor a lying Content-Length gets more than the limit (plus one read) into memory.
/// </summary>
public sealed class BoundedBodyTests
{
    private const int Limit = 40_000;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(Limit)]
    public async Task A_body_of_at_most_the_limit_is_read_whole(int length)
    {
        var bytes = Bytes(length);

        var body = await BoundedBody.ReadAsync(new MemoryStream(bytes), length, Limit, CancellationToken.None);

        body.IsTooLarge.Should().BeFalse();
        body.Bytes.Should().Equal(bytes);
    }

    [Fact]
    public async Task A_body_one_byte_over_the_limit_is_too_large()
    {
        var body = await BoundedBody.ReadAsync(new MemoryStream(Bytes(Limit + 1)), Limit + 1, Limit, CancellationToken.None);

        body.IsTooLarge.Should().BeTrue();
        body.Bytes.Should().BeNull();
        body.Limit.Should().Be(Limit);
    }

    [Theory]
    [InlineData(Limit, false)]
    [InlineData(Limit + 1, true)]
    public async Task A_chunked_body_without_content_length_is_counted(int length, bool tooLarge)
    {
        var body = await BoundedBody.ReadAsync(new TrickleStream(Bytes(length)), announcedLength: null, Limit, CancellationToken.None);

        body.IsTooLarge.Should().Be(tooLarge);
    }

    [Fact]
    public async Task A_content_length_below_the_truth_does_not_let_a_longer_body_through()
    {
        var stream = new TrickleStream(Bytes(Limit * 4));

        var body = await BoundedBody.ReadAsync(stream, announcedLength: 10, Limit, CancellationToken.None);

        body.IsTooLarge.Should().BeTrue();
        stream.BytesRead.Should().BeLessThan(Limit * 2, "reading stops once the count passes the limit");
    }

    [Fact]
    public async Task A_content_length_over_the_limit_refuses_the_body_unread()
    {
        var stream = new TrickleStream(Bytes(10));

        var body = await BoundedBody.ReadAsync(stream, announcedLength: Limit + 1, Limit, CancellationToken.None);

        body.IsTooLarge.Should().BeTrue();
        stream.BytesRead.Should().Be(0);
    }

    [Fact]
    public async Task A_content_length_above_the_truth_reads_what_is_there()
    {
        var body = await BoundedBody.ReadAsync(new TrickleStream(Bytes(10)), announcedLength: 1000, Limit, CancellationToken.None);

        body.Bytes.Should().Equal(Bytes(10));
    }

    [Theory]
    [InlineData(Limit, false)]
    [InlineData(Limit + 1, true)]
    public async Task Http_content_is_read_with_the_same_limit(int length, bool tooLarge)
    {
        using var content = new ByteArrayContent(Bytes(length));

        var body = await BoundedBody.ReadAsync(content, Limit, CancellationToken.None);

        body.IsTooLarge.Should().Be(tooLarge);
    }

    [Fact]
    public async Task Http_content_without_content_length_is_counted()
    {
        var stream = new TrickleStream(Bytes(Limit * 4));
        using var content = new StreamContent(stream);
        content.Headers.ContentLength.Should().BeNull();

        var body = await BoundedBody.ReadAsync(content, Limit, CancellationToken.None);

        body.IsTooLarge.Should().BeTrue();
        stream.BytesRead.Should().BeLessThan(Limit * 2);
    }

    [Fact]
    public async Task Http_content_announcing_more_than_the_limit_is_refused_unread()
    {
        var stream = new TrickleStream(Bytes(10));
        using var content = new StreamContent(stream);
        content.Headers.ContentLength = Limit + 1;
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var body = await BoundedBody.ReadAsync(content, Limit, CancellationToken.None);

        body.IsTooLarge.Should().BeTrue();
        stream.BytesRead.Should().Be(0);
    }

    private static byte[] Bytes(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)i)];

    /// <summary>A non-seekable stream that hands out at most 1000 bytes a read, as a chunked body arrives.</summary>
    private sealed class TrickleStream(byte[] data) : Stream
    {
        public int BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, 1000), data.Length - BytesRead);
            Array.Copy(data, BytesRead, buffer, offset, n);
            BytesRead += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
