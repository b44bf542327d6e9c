using System.Numerics;
using System.Security.Cryptography;

namespace Wallet.Core.StatusList;

/// <summary>
/// Hands out unused entries of one Status List at random, so an index reveals nothing about issuance order
/// (draft-ietf-oauth-status-list-20 §13.2 recommends non-sequential indices) and no entry is handed out twice
/// (§13.3). Indices come from the operating system's CSPRNG. Not thread-safe: the owner serialises access.
/// </summary>
public sealed class StatusListIndexAllocator
{
    // A few blind draws find a free entry quickly while the list is sparse; after that, draw uniformly among
    // the free entries directly, so a nearly full list costs one scan instead of an unbounded retry loop.
    private const int RandomProbes = 16;

    private readonly byte[] allocated;

    /// <summary>Starts an allocator for a list of <paramref name="capacity"/> entries, none allocated.</summary>
    public StatusListIndexAllocator(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        allocated = new byte[(capacity + 7) / 8];
    }

    private StatusListIndexAllocator(int capacity, byte[] allocated, int allocatedCount)
    {
        Capacity = capacity;
        this.allocated = allocated;
        AllocatedCount = allocatedCount;
    }

    /// <summary>Number of entries in the list.</summary>
    public int Capacity { get; }

    /// <summary>Number of entries handed out so far.</summary>
    public int AllocatedCount { get; private set; }

    /// <summary>True when every entry has been handed out.</summary>
    public bool IsFull => AllocatedCount == Capacity;

    /// <summary>
    /// Restores an allocator from <see cref="ToBitmap"/> output: bit <c>i % 8</c> (least significant first) of byte
    /// <c>i / 8</c> is set when entry <c>i</c> is allocated.
    /// </summary>
    /// <exception cref="ArgumentException">The bitmap length does not match <paramref name="capacity"/>, or bits beyond it are set.</exception>
    public static StatusListIndexAllocator FromBitmap(int capacity, ReadOnlySpan<byte> bitmap)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        if (bitmap.Length != (capacity + 7) / 8)
        {
            throw new ArgumentException($"A bitmap for {capacity} entries is {(capacity + 7) / 8} bytes long.", nameof(bitmap));
        }

        var padding = capacity % 8;
        if (padding != 0 && (bitmap[^1] >> padding) != 0)
        {
            throw new ArgumentException("The bitmap marks entries beyond the capacity.", nameof(bitmap));
        }

        var count = 0;
        foreach (var b in bitmap)
        {
            count += BitOperations.PopCount(b);
        }

        return new StatusListIndexAllocator(capacity, bitmap.ToArray(), count);
    }

    /// <summary>The allocation bitmap, for storage.</summary>
    public byte[] ToBitmap() => allocated.ToArray();

    /// <summary>True when <paramref name="index"/> has been handed out.</summary>
    public bool IsAllocated(int index) =>
        index >= 0 && index < Capacity && (allocated[index >> 3] & (1 << (index & 7))) != 0;

    /// <summary>Hands out a uniformly random unused index; false when the list is full.</summary>
    public bool TryAllocate(out int index)
    {
        if (IsFull)
        {
            index = -1;
            return false;
        }

        for (var probe = 0; probe < RandomProbes; probe++)
        {
            var candidate = RandomNumberGenerator.GetInt32(Capacity);
            if (!IsAllocated(candidate))
            {
                Mark(candidate);
                index = candidate;
                return true;
            }
        }

        index = SelectFree(RandomNumberGenerator.GetInt32(Capacity - AllocatedCount));
        Mark(index);
        return true;
    }

    private int SelectFree(int rank)
    {
        for (var i = 0; i < allocated.Length; i++)
        {
            var valid = i == allocated.Length - 1 && Capacity % 8 != 0 ? (1 << (Capacity % 8)) - 1 : 0xFF;
            var free = ~allocated[i] & valid;
            var freeCount = BitOperations.PopCount((uint)free);
            if (rank >= freeCount)
            {
                rank -= freeCount;
                continue;
            }

            for (var bit = 0; bit < 8; bit++)
            {
                if ((free & (1 << bit)) != 0 && rank-- == 0)
                {
                    return (i * 8) + bit;
                }
            }
        }

        throw new InvalidOperationException("The allocation count does not match the bitmap.");
    }

    private void Mark(int index)
    {
        allocated[index >> 3] |= (byte)(1 << (index & 7));
        AllocatedCount++;
    }
}
