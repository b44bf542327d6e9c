namespace Wallet.Core.StatusList;

/// <summary>
/// A mutable Status List under construction on the issuer side. Produce the immutable
/// <see cref="StatusList"/> with <see cref="ToStatusList"/>. Not thread-safe.
/// </summary>
public sealed class StatusListBuilder
{
    private readonly byte[] bytes;

    /// <summary>
    /// Starts a list of at least <paramref name="count"/> entries of <paramref name="bits"/> bits, all VALID (0).
    /// The byte array is rounded up to whole bytes, so <see cref="Count"/> may exceed <paramref name="count"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bits"/> is not 1, 2, 4 or 8, or <paramref name="count"/> is not positive.</exception>
    public StatusListBuilder(int bits, int count)
    {
        if (!StatusList.IsSupportedBits(bits))
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "bits must be 1, 2, 4 or 8.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        Bits = bits;
        bytes = new byte[checked((int)(((long)count * bits + 7) / 8))];
    }

    private StatusListBuilder(int bits, byte[] bytes)
    {
        Bits = bits;
        this.bytes = bytes;
    }

    /// <summary>Bits per entry.</summary>
    public int Bits { get; }

    /// <summary>Number of entries.</summary>
    public int Count => (int)((long)bytes.Length * 8 / Bits);

    /// <summary>Starts from a copy of an existing list.</summary>
    public static StatusListBuilder From(StatusList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        return new StatusListBuilder(list.Bits, list.Bytes.ToArray());
    }

    /// <summary>Reads the status at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the list.</exception>
    public byte GetStatus(int index)
    {
        CheckIndex(index);
        return StatusList.Read(bytes, Bits, index);
    }

    /// <summary>Sets the status at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the list or the value does not fit in <see cref="Bits"/> bits.</exception>
    public StatusListBuilder SetStatus(int index, byte status)
    {
        CheckIndex(index);
        if (status >> Bits != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, $"The value does not fit in {Bits} bits.");
        }

        StatusList.Write(bytes, Bits, index, status);
        return this;
    }

    /// <summary>Sets the status at <paramref name="index"/> to one of the registered status types.</summary>
    public StatusListBuilder SetStatus(int index, TokenStatus status) => SetStatus(index, (byte)status);

    /// <summary>An immutable snapshot of the list as it is now.</summary>
    public StatusList ToStatusList() => StatusList.Wrap(Bits, bytes.ToArray());

    private void CheckIndex(int index)
    {
        if (index < 0 || index >= Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The list has {Count} entries.");
        }
    }
}
