using Wallet.Hosting.Pages;

namespace Wallet.Verifier.Page;

/// <summary>The texts of the age-gate page (<c>/rp/age</c>) in one language; <see cref="Script"/> reaches its script as JSON.</summary>
internal sealed record AgeGatePageText(
    string Title,
    string Intro,
    string WhichAge,
    Func<int, string> AgeOption,
    string Check,
    string Request,
    string QrAlt,
    string QrCaption,
    string OpenLink,
    string Answer,
    string BackToRelyingParty,
    AgeGateScriptText Script)
{
    public static PageText<AgeGatePageText> Text { get; } = new(
        norwegian: new(
            Title: "Alderskontroll",
            Intro: "Denne siden spør en lommebok om personen er over en alder, og får bare ja eller nei tilbake: ikke navn, ikke fødselsdato. Svaret kommer fra alderbeviset (EU age verification) i lommeboken, kontrollert av verifikatoren.",
            WhichAge: "Hvilken alder skal kontrolleres?",
            AgeOption: age => $"{age} år eller eldre",
            Check: "Kontroller alder",
            Request: "Skann med lommeboken",
            QrAlt: "QR-kode med forespørselen om alder, for en lommebok på en annen enhet. Den samme lenken står under koden.",
            QrCaption: "Lommeboken viser hva som blir spurt om før noe deles.",
            OpenLink: "Åpne i en lommebok på denne enheten",
            Answer: "Svar",
            BackToRelyingParty: "Tilbake til den fulle demo-tjenesten",
            Script: new(
                Waiting: "Venter på lommeboken …",
                Yes: "JA",
                No: "NEI",
                OverAge: "Personen er {age} år eller eldre.",
                NotShown: "Personen viste ikke at hen er {age} år eller eldre.",
                Expired: "Utløpt: det kom ikke noe svar i tide. Prøv igjen.",
                CouldNotCreate: "Kontrollen kunne ikke startes",
                Unreachable: "Får ikke kontakt med verifikatoren.",
                Reasons: "Hvorfor")),
        english: new(
            Title: "Age check",
            Intro: "This page asks a wallet whether the person is over an age, and gets only yes or no back: no name, no birth date. The answer comes from the age verification attestation in the wallet, checked by the Verifier.",
            WhichAge: "Which age to check?",
            AgeOption: age => $"{age} or over",
            Check: "Check age",
            Request: "Scan with the wallet",
            QrAlt: "QR code of the age request, for a wallet on another device. The same link is below the code.",
            QrCaption: "The wallet shows what is asked before anything is shared.",
            OpenLink: "Open in a wallet on this device",
            Answer: "Answer",
            BackToRelyingParty: "Back to the full demo relying party",
            Script: new(
                Waiting: "Waiting for the wallet…",
                Yes: "YES",
                No: "NO",
                OverAge: "The person is {age} or over.",
                NotShown: "The person did not show being {age} or over.",
                Expired: "Expired: no answer came in time. Try again.",
                CouldNotCreate: "The check could not be started",
                Unreachable: "The Verifier could not be reached.",
                Reasons: "Why")));
}

/// <summary>The texts the age-gate page's script shows (camelCase JSON); <c>{age}</c> is replaced by the age asked for.</summary>
internal sealed record AgeGateScriptText(string Waiting, string Yes, string No, string OverAge, string NotShown, string Expired, string CouldNotCreate, string Unreachable, string Reasons);
