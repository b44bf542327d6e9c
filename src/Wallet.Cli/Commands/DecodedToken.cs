using System.Globalization;
using System.Text.Json.Nodes;
using Wallet.Core.StatusList;

namespace Wallet.Cli.Commands;

/// <summary>A Status List Token read without verification: its parts as JSON, its list, and the exact token for verifying.</summary>
/// <param name="Format"><c>jwt</c> or <c>cwt</c>.</param>
/// <param name="Header">The (protected) header.</param>
/// <param name="UnprotectedHeader">The COSE unprotected header; null for a JWT.</param>
/// <param name="Claims">The payload claims.</param>
/// <param name="List">The decompressed status list.</param>
/// <param name="Subject">The <c>sub</c> claim, when it is text.</param>
/// <param name="Jwt">The compact JWS, for a JWT.</param>
/// <param name="Cwt">The exact COSE_Sign1 bytes, for a CWT.</param>
internal sealed record DecodedToken(string Format, JsonNode? Header, JsonNode? UnprotectedHeader, JsonNode? Claims, StatusList List, string? Subject, string? Jwt, ReadOnlyMemory<byte> Cwt)
{
    /// <summary>The <c>nonZero</c> listing stops here unless <c>--all</c> is given, so a huge revocation list stays readable.</summary>
    private const int MaxNonZeroListed = 10_000;

    /// <summary>
    /// The token as JSON: header, claims, and the statuses as <c>{bits, count, nonZeroCount, nonZero}</c>; with
    /// <paramref name="all"/> every entry too. Without it, <c>nonZero</c> stops at <see cref="MaxNonZeroListed"/> entries.
    /// </summary>
    public JsonObject Describe(bool all)
    {
        var nonZero = new JsonObject();
        var nonZeroCount = 0;
        var entries = all ? new JsonArray() : null;
        for (var i = 0; i < List.Count; i++)
        {
            var status = List.GetStatus(i);
            entries?.Add(status);
            if (status != 0)
            {
                nonZeroCount++;
                if (all || nonZeroCount <= MaxNonZeroListed)
                {
                    nonZero[i.ToString(CultureInfo.InvariantCulture)] = status;
                }
            }
        }

        var statuses = new JsonObject
        {
            ["bits"] = List.Bits,
            ["count"] = List.Count,
            ["nonZeroCount"] = nonZeroCount,
            ["nonZero"] = nonZero,
        };
        if (!all && nonZeroCount > MaxNonZeroListed)
        {
            statuses["nonZeroTruncated"] = true;
        }

        if (entries is not null)
        {
            statuses["all"] = entries;
        }

        var report = new JsonObject { ["format"] = Format, ["header"] = Header };
        if (Format == "cwt")
        {
            report["unprotectedHeader"] = UnprotectedHeader;
        }

        report["claims"] = Claims;
        report["statuses"] = statuses;
        return report;
    }
}
