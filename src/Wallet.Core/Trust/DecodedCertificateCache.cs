using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Wallet.Core.Trust;

/// <summary>
/// Decoded certificates of received <c>x5c</c> / <c>x5chain</c> headers, keyed by the SHA-256 of their exact DER bytes
/// and confirmed by comparing those bytes, so that a certificate sent with every presentation is decoded once
/// (loading it and decoding its names, extensions and key costs two to three signature verifications).
/// </summary>
/// <remarks>
/// Only decoding is cached: trust is decided on every call by the <see cref="ICertificateChainValidator"/>, with
/// its validity, revocation and usage checks. The cache is bounded (least recently used entries go first), never
/// answers with a certificate past its <c>notAfter</c>, and never stores one that failed to decode or has already
/// expired. Cached certificates are shared between verifications: nothing in the library disposes them, and an
/// instance disposed by a caller is decoded again rather than served.
/// </remarks>
internal sealed class DecodedCertificateCache
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Key, LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recency = new();
    private readonly TimeProvider _timeProvider;
    private long _hits;

    public DecodedCertificateCache(int capacity, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The cache the library's verifiers share: a few hundred issuers and document signers per process.</summary>
    public static DecodedCertificateCache Shared { get; } = new(512);

    public int Capacity { get; }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>How many decodings were answered from the cache (for tests and diagnostics).</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Same contract as <see cref="CertificateDecoder.TryDecode"/>, answered from the cache when the exact bytes were decoded before.</summary>
    public bool TryDecode(ReadOnlySpan<byte> der, [NotNullWhen(true)] out X509Certificate2? certificate, [NotNullWhen(false)] out string? reason)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(der, hash);
        var key = new Key(MemoryMarshal.Read<UInt128>(hash), MemoryMarshal.Read<UInt128>(hash[16..]));
        var now = _timeProvider.GetUtcNow();
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                var entry = node.Value;
                if (now <= entry.NotAfter && entry.Certificate.Handle != IntPtr.Zero && entry.Certificate.RawDataMemory.Span.SequenceEqual(der))
                {
                    _recency.Remove(node);
                    _recency.AddFirst(node);
                    Interlocked.Increment(ref _hits);
                    certificate = entry.Certificate;
                    reason = null;
                    return true;
                }

                // Expired, disposed by a caller, or (never seen) a hash collision: forget it and decode afresh.
                _recency.Remove(node);
                _entries.Remove(key);
            }
        }

        if (!CertificateDecoder.TryDecode(der, out certificate, out reason))
        {
            return false;
        }

        var notAfter = CertificateFacts.NotAfter(certificate);
        if (now > notAfter)
        {
            // Already expired: the chain validator rejects it; keeping it would only take the place of a live one.
            return true;
        }

        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                // Another caller decoded the same bytes meanwhile; keep one entry.
                _recency.Remove(existing);
                _entries.Remove(key);
            }

            while (_entries.Count >= Capacity && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Key);
            }

            _entries[key] = _recency.AddFirst(new Entry(key, certificate, notAfter));
        }

        return true;
    }

    private readonly record struct Key(UInt128 High, UInt128 Low);

    private sealed record Entry(Key Key, X509Certificate2 Certificate, DateTimeOffset NotAfter);
}
