using Wallet.Core.Jose;
using Wallet.Core.OpenId4Vp;
using Wallet.Core.SdJwt;

namespace Wallet.Core.Tests.Json;

/// <summary>
/// The TryParse overloads without a limits argument apply the type's <c>Default</c> limits: one character over the
/// default bound is refused with the size error naming that bound, so "no limits object" never means "unbounded".
/// </summary>
public class DefaultLimitsOverloadTests
{
    public delegate bool Parse(string input, out VerificationError? error);

    public static TheoryData<string, int, Parse, string> OverDefaultBound => new()
    {
        { "compact JWS", JoseLimits.Default.MaxTokenLength, (string s, out VerificationError? e) => CompactJws.TryParse(s, out _, out e), JoseErrorCodes.TooLarge },
        { "SD-JWT", SdJwtLimits.Default.MaxLength, (string s, out VerificationError? e) => global::Wallet.Core.SdJwt.SdJwt.TryParse(s, out _, out e), SdJwtErrorCodes.TooLarge },
        { "Disclosure", SdJwtLimits.Default.MaxDisclosureLength, (string s, out VerificationError? e) => Disclosure.TryParse(s, out _, out e), SdJwtErrorCodes.TooLarge },
        { "vp_token", OpenId4VpLimits.Default.MaxResponseLength, (string s, out VerificationError? e) => VpToken.TryParse(s, out _, out e), OpenId4VpErrorCodes.ResponseTooLarge },
        { "client_id", OpenId4VpLimits.Default.MaxIdentifierLength, (string s, out VerificationError? e) => ClientId.TryParse(s, out _, out e), OpenId4VpErrorCodes.ClientIdInvalid },
    };

    [Theory]
    [MemberData(nameof(OverDefaultBound))]
    public void Input_one_character_over_the_default_bound_is_refused_by_the_overload_without_limits(string what, int bound, Parse parse, string code)
    {
        var accepted = parse(new string('a', bound + 1), out var error);

        accepted.Should().BeFalse(what);
        error!.Code.Should().Be(code);
        error.Message.Should().Contain(bound.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
