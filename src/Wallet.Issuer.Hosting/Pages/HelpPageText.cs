using Wallet.Hosting.Pages;

namespace Wallet.Issuer.Pages;

/// <summary>The help page for people getting their first PID, in one language: sections of a heading and paragraphs or steps.</summary>
internal sealed record HelpPageText(string Title, string Contents, string Intro, IReadOnlyList<HelpSection> Sections)
{
    public static PageText<HelpPageText> Text { get; } = new(
        norwegian: new(
            "Slik får du din første PID",
            "Innhold",
            "Denne siden forklarer hva en digital lommebok er, hvordan du legger PID-en din i den, hva koden er til, og hva du gjør når noe går galt.",
            [
                new("what-wallet", "Hva er en digital lommebok?", false,
                [
                    "En digital lommebok er en app på telefonen som tar vare på bevis om deg, for eksempel PID-en din.",
                    "Når en tjeneste spør hvem du er, viser lommeboken hva tjenesten ber om. Du bestemmer selv om du vil dele, og bare det du godtar blir delt.",
                ]),
                new("what-pid", "Hva er en PID?", false,
                [
                    "PID betyr personidentifikasjonsdata: navn, fødselsdato og andre opplysninger om deg fra folkeregisteret, signert av oss.",
                    "Du kan få PID selv om du ikke har norsk fødselsnummer eller D-nummer. Da står det bare ikke noe nummer i den.",
                ]),
                new("how-scan", "Slik skanner du koden", true,
                [
                    "Installer en digital lommebok (EU Digital Identity Wallet) fra appbutikken på telefonen.",
                    "Åpne tilbudssiden du har fått fra oss, for eksempel på en PC.",
                    "Trykk på skanneknappen i lommeboken og hold telefonen rolig omtrent 20 cm fra QR-koden til lommeboken reagerer.",
                    "Er siden åpen på den samme telefonen som lommeboken, trykk på lenken «Åpne i lommeboken på denne enheten» i stedet for å skanne.",
                    "Følg lommeboken: logg inn eller skriv inn koden hvis den ber om det, og godta PID-en.",
                ]),
                new("what-code", "Hva er koden til?", false,
                [
                    "Noen tilbud kommer med en kode som du får på en annen måte, for eksempel i brev eller SMS. Lommeboken ber om den når du har skannet.",
                    "Koden viser at det er du som skanner, og ikke noen som har sett QR-koden over skulderen din. Ikke gi koden til noen. Vi spør aldri etter den på telefon.",
                ]),
                new("when-fails", "Når noe går galt", false,
                [
                    "Tilbudet er brukt eller har gått ut: et tilbud virker én gang og i kort tid. Be om et nytt.",
                    "Lommeboken sier at koden er feil: sjekk at du skrev den riktig. Virker den fortsatt ikke, be om et nytt tilbud.",
                    "Kameraet leser ikke koden: skru opp lysstyrken på skjermen, hold telefonen rolig, eller bruk lenken på samme enhet.",
                    "Innloggingen mislykkes: start på nytt fra lommeboken.",
                    "Står du fast: kontakt etaten som ga deg tilbudet, og si når det skjedde og hva siden viste. Send aldri koden eller bilde av QR-koden.",
                ]),
            ]),
        english: new(
            "Getting your first PID",
            "Contents",
            "This page explains what a digital identity wallet is, how to put your PID in it, what the code is for, and what to do when something goes wrong.",
            [
                new("what-wallet", "What is a digital identity wallet?", false,
                [
                    "A digital identity wallet is an app on your phone that keeps proofs about you, such as your PID.",
                    "When a service asks who you are, the wallet shows you what the service asks for. You decide whether to share, and only what you agree to is shared.",
                ]),
                new("what-pid", "What is a PID?", false,
                [
                    "PID means person identification data: your name, birth date and other facts about you from the population register, signed by us.",
                    "You can get a PID without a Norwegian national identity number or D-number. It then simply holds no number.",
                ]),
                new("how-scan", "How to scan the code", true,
                [
                    "Install a digital identity wallet (EU Digital Identity Wallet) from your phone's app store.",
                    "Open the offer page you were given, for example on a computer.",
                    "Tap the wallet's scan button and hold the phone still about 20 cm from the QR code until the wallet reacts.",
                    "If the page is open on the same phone as the wallet, tap the link “Open in wallet on this device” instead of scanning.",
                    "Follow the wallet: sign in or type the code if it asks, and accept the PID.",
                ]),
                new("what-code", "What is the code for?", false,
                [
                    "Some offers come with a code that reaches you another way, for example by letter or text message. The wallet asks for it after you scan.",
                    "The code shows that you are the one scanning, not someone who saw the QR code over your shoulder. Never give the code to anyone. We never ask for it on the phone.",
                ]),
                new("when-fails", "When something goes wrong", false,
                [
                    "The offer is used or has expired: an offer works once and for a short time. Ask for a new one.",
                    "The wallet says the code is wrong: check that you typed it correctly. If it still fails, ask for a new offer.",
                    "The camera does not read the code: turn up the screen brightness, hold the phone still, or use the link on the same device.",
                    "Signing in fails: start again from your wallet.",
                    "Still stuck: contact the agency that gave you the offer, and say when it happened and what the page showed. Never send the code or a picture of the QR code.",
                ]),
            ]));
}

/// <summary>One section of the help page: an anchor id, a heading, and paragraphs (or numbered steps when <paramref name="Steps"/>).</summary>
internal sealed record HelpSection(string Id, string Heading, bool Steps, IReadOnlyList<string> Lines);
