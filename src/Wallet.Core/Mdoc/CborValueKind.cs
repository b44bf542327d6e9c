namespace Wallet.Core.Mdoc;

/// <summary>The kind of a <see cref="CborValue"/>, with the two ISO/IEC 18013-5 date types set apart from other tags.</summary>
public enum CborValueKind
{
    /// <summary>CBOR <c>null</c>.</summary>
    Null,

    /// <summary>CBOR <c>undefined</c>.</summary>
    Undefined,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>An integer (major type 0 or 1) within the range of <see cref="long"/>.</summary>
    Integer,

    /// <summary>A half, single or double precision float.</summary>
    Float,

    /// <summary>A UTF-8 text string (<c>tstr</c>).</summary>
    Text,

    /// <summary>A byte string (<c>bstr</c>), for example a portrait.</summary>
    Bytes,

    /// <summary>A <c>full-date</c>: tag 1004 over <c>YYYY-MM-DD</c> (RFC 8943).</summary>
    FullDate,

    /// <summary>A <c>tdate</c>: tag 0 over an RFC 3339 date-time.</summary>
    DateTime,

    /// <summary>An array.</summary>
    Array,

    /// <summary>A map.</summary>
    Map,

    /// <summary>Any other tagged item.</summary>
    Tagged,

    /// <summary>A simple value other than false, true, null and undefined.</summary>
    Simple,
}
