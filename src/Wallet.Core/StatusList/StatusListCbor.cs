using System.Formats.Cbor;

namespace Wallet.Core.StatusList;

/// <summary>CBOR helpers shared by the Status List, Status List Token and <c>status</c> claim readers.</summary>
internal static class StatusListCbor
{
    /// <summary>
    /// True when <paramref name="encoded"/> is exactly one well-formed CBOR data item nested no deeper than
    /// <paramref name="maxDepth"/>. Run before any other reader touches the bytes: System.Formats.Cbor has no
    /// depth limit of its own, so a deeply nested item could exhaust the stack.
    /// </summary>
    public static bool IsWithinDepth(ReadOnlyMemory<byte> encoded, int maxDepth)
    {
        try
        {
            var reader = new CborReader(encoded, CborConformanceMode.Lax);
            if (!Walk(reader, 0, maxDepth))
            {
                return false;
            }

            return reader.BytesRemaining == 0;
        }
        catch (CborContentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool Walk(CborReader reader, int depth, int maxDepth)
    {
        if (depth > maxDepth)
        {
            return false;
        }

        switch (reader.PeekState())
        {
            case CborReaderState.StartArray:
                reader.ReadStartArray();
                while (reader.PeekState() != CborReaderState.EndArray)
                {
                    if (!Walk(reader, depth + 1, maxDepth))
                    {
                        return false;
                    }
                }

                reader.ReadEndArray();
                return true;
            case CborReaderState.StartMap:
                reader.ReadStartMap();
                while (reader.PeekState() != CborReaderState.EndMap)
                {
                    if (!Walk(reader, depth + 1, maxDepth) || !Walk(reader, depth + 1, maxDepth))
                    {
                        return false;
                    }
                }

                reader.ReadEndMap();
                return true;
            case CborReaderState.Tag:
                reader.ReadTag();
                return Walk(reader, depth + 1, maxDepth);
            default:
                // Scalars and (possibly indefinite-length) strings have no nesting.
                reader.SkipValue();
                return true;
        }
    }

    /// <summary>Reads a CBOR integer or floating-point NumericDate (RFC 8392 §2) as whole seconds.</summary>
    public static bool TryReadNumericDate(CborReader reader, out long seconds)
    {
        seconds = 0;
        switch (reader.PeekState())
        {
            case CborReaderState.UnsignedInteger:
            case CborReaderState.NegativeInteger:
                seconds = reader.ReadInt64();
                return true;
            case CborReaderState.HalfPrecisionFloat:
            case CborReaderState.SinglePrecisionFloat:
            case CborReaderState.DoublePrecisionFloat:
                var value = reader.ReadDouble();
                if (!double.IsFinite(value) || Math.Abs(value) > 1e15)
                {
                    return false;
                }

                seconds = (long)Math.Floor(value);
                return true;
            default:
                reader.SkipValue();
                return false;
        }
    }
}
