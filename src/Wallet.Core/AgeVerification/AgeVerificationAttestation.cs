using Wallet.Core.Mdoc;

namespace Wallet.Core.AgeVerification;

/// <summary>
/// The EU age-verification attestation ("Proof of Age", EU Age Verification technical specification, Annex A):
/// an mdoc of docType <c>eu.europa.ec.av.1</c> whose namespace of the same name holds only <c>age_over_NN</c> booleans.
/// The profile defines the mdoc form only (Annex A.3 "Support for mDoc only"), and the PID Rule Book no longer carries
/// age statements (v1.1 removed them following CIR 2024/2977), so this attestation is what an age gate asks for.
/// </summary>
public static class AgeVerificationAttestation
{
    /// <summary>The docType (Annex A.10).</summary>
    public const string DocType = "eu.europa.ec.av.1";

    /// <summary>The namespace of the <c>age_over_NN</c> elements (Annex A.10).</summary>
    public const string NameSpace = "eu.europa.ec.av.1";

    /// <summary>The ages for which an attestation states <c>age_over_NN</c>: the thresholds online services in the EU use.</summary>
    public static IReadOnlyList<int> Ages { get; } = [13, 15, 16, 18, 21];

    /// <summary>True when <paramref name="age"/> is one of <see cref="Ages"/>.</summary>
    public static bool IsSupportedAge(int age) => Ages.Contains(age);

    /// <summary>The element identifier for <paramref name="age"/>, e.g. <c>age_over_18</c> (ISO/IEC 18013-5 §7.2.5 naming).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The age is not one of <see cref="Ages"/>.</exception>
    public static string ElementFor(int age) => IsSupportedAge(age)
        ? "age_over_" + age.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : throw new ArgumentOutOfRangeException(nameof(age), age, $"Only ages {string.Join(", ", Ages)} are stated.");

    /// <summary>
    /// The issuance request of one attestation for a person born on <paramref name="birthDate"/>: every age of
    /// <see cref="Ages"/> as a boolean, as of <paramref name="validFrom"/>. A statement that is false would become true on
    /// a birthday; the attestation ends the day before that birthday at the latest, so it never says "no" once the
    /// answer is "yes".
    /// </summary>
    /// <param name="birthDate">The date of birth from the register.</param>
    /// <param name="deviceKey">The holder's key, bound into the MSO.</param>
    /// <param name="validFrom">Start of validity; the statements are computed for this day (UTC).</param>
    /// <param name="validUntil">The longest validity the issuer allows; shortened as described.</param>
    public static MdocIssuanceRequest CreateIssuanceRequest(DateOnly birthDate, CoseKey deviceKey, DateTimeOffset validFrom, DateTimeOffset validUntil)
    {
        ArgumentNullException.ThrowIfNull(deviceKey);
        var today = DateOnly.FromDateTime(validFrom.UtcDateTime);
        var elements = new Dictionary<string, CborValue>(StringComparer.Ordinal);
        var until = validUntil;
        foreach (var age in Ages)
        {
            var over = AgeStatement.IsAtLeast(birthDate, age, today);
            elements[ElementFor(age)] = CborValue.Boolean(over);
            if (!over)
            {
                var birthday = new DateTimeOffset(AgeStatement.DayReached(birthDate, age).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                if (birthday < until)
                {
                    until = birthday;
                }
            }
        }

        return new MdocIssuanceRequest(
            DocType,
            new Dictionary<string, IReadOnlyDictionary<string, CborValue>>(StringComparer.Ordinal) { [NameSpace] = elements },
            deviceKey,
            validFrom,
            until);
    }
}
