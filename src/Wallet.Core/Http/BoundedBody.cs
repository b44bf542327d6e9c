using System.Diagnostics.CodeAnalysis;

namespace Wallet.Core.Http;

/// <summary>
/// An HTTP body from another party, read with a hard limit: the one reader of request bodies (Issuer, Verifier) and of
/// response bodies (status lists, issuer metadata, the wallet client), so all of them follow one policy.
/// </summary>
/// <remarks>
/// The policy: a body announced (<c>Content-Length</c>) or found to be longer than the limit is <see cref="IsTooLarge"/>,
/// a result the caller maps to its own answer (413, <c>invalid_request</c>, a failed check), never an exception. The
/// announced length is not trusted: a chunked body has none and a declared one may be a lie, so the bytes are counted
/// and reading stops as soon as the count passes the limit; no more than the limit plus one read buffer is ever held.
/// </remarks>
public sealed class BoundedBody
{
    private const int ChunkBytes = 16 * 1024;

    private BoundedBody(byte[]? bytes, int limit)
    {
        Bytes = bytes;
        Limit = limit;
    }

    /// <summary>The whole body, at most <see cref="Limit"/> bytes; null when it <see cref="IsTooLarge"/>.</summary>
    public byte[]? Bytes { get; }

    /// <summary>True when the body was announced or found to be longer than <see cref="Limit"/>; then nothing of it is kept.</summary>
    [MemberNotNullWhen(false, nameof(Bytes))]
    public bool IsTooLarge => Bytes is null;

    /// <summary>The limit the body was read with, in bytes, for the message that refuses it.</summary>
    public int Limit { get; }

    /// <summary>Reads <paramref name="body"/> to its end, or until it is longer than <paramref name="maxBytes"/>.</summary>
    /// <param name="body">The body stream, e.g. ASP.NET Core's <c>HttpRequest.Body</c>.</param>
    /// <param name="announcedLength">The <c>Content-Length</c>, if any: above the limit it refuses the body unread.</param>
    /// <param name="maxBytes">The most bytes accepted; a body of exactly this length is accepted.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The body, or a result that <see cref="IsTooLarge"/>.</returns>
    public static async ValueTask<BoundedBody> ReadAsync(Stream body, long? announcedLength, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        if (announcedLength > maxBytes)
        {
            return new BoundedBody(null, maxBytes);
        }

        // Sized for the announced length (known to be within the limit by now), so a well-behaved body is not copied.
        using var output = new MemoryStream(announcedLength is > 0 and var announced ? (int)announced : 0);
        var chunk = new byte[Math.Min(ChunkBytes, maxBytes + 1)];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (output.Length + read > maxBytes)
            {
                return new BoundedBody(null, maxBytes);
            }

            output.Write(chunk, 0, read);
        }

        return new BoundedBody(output.ToArray(), maxBytes);
    }

    /// <summary>Reads the content of an HTTP message with <see cref="ReadAsync(Stream, long?, int, CancellationToken)"/>.</summary>
    /// <param name="content">The content; its <c>Content-Length</c> header is the announced length.</param>
    /// <param name="maxBytes">The most bytes accepted; a body of exactly this length is accepted.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The body, or a result that <see cref="IsTooLarge"/>.</returns>
    public static async Task<BoundedBody> ReadAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        if (content.Headers.ContentLength > maxBytes)
        {
            return new BoundedBody(null, maxBytes);
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await ReadAsync(stream, content.Headers.ContentLength, maxBytes, cancellationToken).ConfigureAwait(false);
        }
    }
}
