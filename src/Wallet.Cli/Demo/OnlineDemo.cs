using System.Text.Json.Nodes;
using Wallet.Cli.Commands;
using Wallet.Client;
using Wallet.Core.Mdoc;
using Wallet.Core.SdJwtVc;
using Wallet.Core.Trust;

namespace Wallet.Cli.Demo;

/// <summary>
/// <c>wallet demo</c>: starts the Issuer and the Verifier in-process and drives the wallet client through OpenID4VCI
/// (pre-authorized code with tx_code, then authorization code with PAR + PKCE + DPoP and the development login), both
/// times for PID as SD-JWT VC and mdoc, then through OpenID4VP (<c>direct_post.jwt</c>, same device) for a DCQL query
/// asking for both formats, and prints what the relying party got.
/// </summary>
internal static class OnlineDemo
{
    public const string SdJwtConfiguration = "eu.europa.ec.eudi.pid_vc_sd_jwt";
    public const string MdocConfiguration = "eu.europa.ec.eudi.pid_mso_mdoc";
    public const string WalletClientId = "wallet-cli-demo";
    public const string PreAuthorizedFlow = "pre-authorized";
    public const string AuthorizationCodeFlow = "authorization-code";

    /// <summary>The step at which the wallet provider attests the holder keys (OpenID4VCI 1.0 Appendix D).</summary>
    public const string KeyAttestationStep = "key-attestation";
    public const string PresentationFlow = "presentation";
    public const string AgeCheckFlow = "age-check";
    public const string AgeConfiguration = "proof_of_age";
    public const string ResultMarker = "The relying party got";
    public const string AgeGateMarker = "The age gate got";
    public const string RepresentationFlow = "representation";
    public const string RepresentationConfiguration = "eu.europa.ec.eudi.por_vc_sd_jwt";
    public const string RepresentationMarker = "The representation check got";

    // The built-in register's parent, her relation to her son Ola (a minor without a wallet), and a service it names.
    private const string Parent = "kari-nordmann";
    private const string ParentForChild = "kari-for-ola";
    private const string ChildService = "school-enrolment";

    private const int NameWidth = 29;

    public static IReadOnlyList<string> Persons { get; } = ["kari-nordmann", "amina-haddad", "yusuf-stateless", "partial-birthdate", "ola-minor"];

    /// <summary>PID basics in both formats: one Credential Query per format, both required (OpenID4VP 1.0 §6).</summary>
    public static JsonObject PidQuery() => new()
    {
        ["credentials"] = new JsonArray(
            new JsonObject
            {
                ["id"] = "pid-sd-jwt",
                ["format"] = "dc+sd-jwt",
                ["meta"] = new JsonObject { ["vct_values"] = new JsonArray(PidSdJwtVc.Vct) },
                ["claims"] = Claims(null, "given_name", "family_name", "birthdate"),
            },
            new JsonObject
            {
                ["id"] = "pid-mdoc",
                ["format"] = "mso_mdoc",
                ["meta"] = new JsonObject { ["doctype_value"] = PidMdoc.DocType },
                ["claims"] = Claims(PidMdoc.NameSpace, "given_name", "family_name", "birth_date"),
            }),
    };

    public static async Task<int> RunAsync(CliContext context, string dataDirectory, string personId, bool keepRunning, CancellationToken cancellationToken)
    {
        var steps = new DemoStepRunner(context, NameWidth, numberWidth: 2);
        await context.Stdout.WriteLineAsync("wallet demo: an issuer, a verifier and a wallet on 127.0.0.1 (development keys; never for production)").ConfigureAwait(false);
        using var environment = steps.Run("setup", () => DemoEnvironment.LoadOrCreate(dataDirectory, context.TimeProvider.GetUtcNow()), e => e.Description);

        DemoServices services;
        try
        {
            services = await steps.RunAsync("start", () => DemoServices.StartAsync(environment, cancellationToken), s => $"issuer {s.IssuerUrl.GetLeftPart(UriPartial.Authority)}, verifier {s.VerifierUrl.GetLeftPart(UriPartial.Authority)} (Kestrel, TLS with the demo certificate)").ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A service that does not start is reported as the failed step, whatever the cause.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            steps.PrintFailure("start", $"{e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
            await context.Stderr.WriteLineAsync($"error: start: {e.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
            return ExitCodes.Invalid;
        }

        await using (services.ConfigureAwait(false))
        {
            using var http = new HttpClient(DemoTls.CreateHandler(environment.TlsCertificate)) { Timeout = TimeSpan.FromSeconds(30) };
            var flow = "setup";
            try
            {
                var (result, ageCheck, representation) = await RunFlowsAsync(context, steps, services, environment, http, personId, f => flow = f, cancellationToken).ConfigureAwait(false);
                await PrintResultAsync(context, result).ConfigureAwait(false);
                await context.Stdout.WriteLineAsync().ConfigureAwait(false);
                await context.Stdout.WriteLineAsync($"{AgeGateMarker} (age_over {ageCheck["ageOver"]}): {((bool?)ageCheck["over"] == true ? "yes" : "no")}{(ageCheck["errors"] is JsonArray { Count: > 0 } errors ? " — " + string.Join(", ", errors.Select(e => e?["code"]?.GetValue<string>())) : string.Empty)}; nothing else (no name, no birth date)").ConfigureAwait(false);
                await PrintRepresentationAsync(context, representation).ConfigureAwait(false);
                await PrintPagesAsync(context, services, environment, new DemoApis(http, services), personId, cancellationToken).ConfigureAwait(false);
            }
            catch (WalletFlowException e)
            {
                steps.PrintFailure($"{flow}/{e.Error.Step}", e.Error.ToString());
                await context.Stderr.WriteLineAsync($"error: {flow}/{e.Error}").ConfigureAwait(false);
                await services.StopAsync().ConfigureAwait(false);
                return ExitCodes.Invalid;
            }

            if (keepRunning)
            {
                await context.Stdout.WriteLineAsync("Both services keep running; press Ctrl-C to stop them.").ConfigureAwait(false);
                await context.Stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl-C: the normal way out of --keep-running.
                }
            }

            await services.StopAsync().ConfigureAwait(false);
            if (keepRunning)
            {
                await context.Stdout.WriteLineAsync("Stopped.").ConfigureAwait(false);
            }
        }

        return ExitCodes.Success;
    }

    private static async Task<(JsonObject Result, JsonObject AgeCheck, JsonObject Representation)> RunFlowsAsync(CliContext context, DemoStepRunner steps, DemoServices services, DemoEnvironment environment, HttpClient http, string personId, Action<string> enter, CancellationToken cancellationToken)
    {
        var flow = string.Empty;
        void Enter(string name)
        {
            flow = name;
            enter(name);
        }

        var time = context.TimeProvider;
        var provider = new DevelopmentWalletProvider(environment.WalletProvider);
        var store = new InMemoryCredentialStore();
        var options = new WalletClientOptions
        {
            TimeProvider = time,
            StepCompleted = report => steps.Print($"{flow}/{report.Step}", report.Detail, report.Elapsed),
            WalletInstance = provider.CreateInstance(WalletClientId, time.GetUtcNow()),

            // The wallet provider attests the new holder keys whenever a configuration requires it (the PID does).
            KeyAttester = (keys, nonce, now) =>
            {
                var started = time.GetTimestamp();
                var attestation = provider.AttestKeys(keys, nonce, now);
                steps.Print($"{flow}/{KeyAttestationStep}", $"wallet provider: key attestation of {keys.Count} key{(keys.Count > 1 ? "s" : string.Empty)}, key_storage and user_authentication iso_18045_high, c_nonce", time.GetElapsedTime(started));
                return attestation;
            },
            VerifierTrust = new X509ChainValidator(TrustAnchorStore.FromCertificates([services.VerifierRequestSigningRoot], name: "demo verifier")),

            // The wallet checks what it is issued as the verifier will: chain to the PID provider's root, status fetched.
            CredentialVerification = VerifyCommand.CreateVerifiers(TrustAnchorStore.FromFiles([services.IssuerRootPath], name: "demo PID provider"), time, http),
        };
        var issuance = new OpenId4VciClient(http, options, store);
        var presentation = new OpenId4VpClient(http, options, store);
        var apis = new DemoApis(http, services);
        string[] configurations = [SdJwtConfiguration, MdocConfiguration];

        Enter(PreAuthorizedFlow);
        var (offerUri, txCode) = await steps.RunAsync(
            $"{flow}/{DemoApis.AgencyOfferStep}",
            () => apis.CreateOfferAsync(personId, configurations, cancellationToken),
            _ => $"agency API: offer of PID (SD-JWT VC + mdoc) for {personId}; tx_code delivered out of band").ConfigureAwait(false);
        var offer = await issuance.ResolveOfferAsync(offerUri, cancellationToken).ConfigureAwait(false);
        var session = await issuance.RedeemPreAuthorizedCodeAsync(offer, txCode, cancellationToken).ConfigureAwait(false);
        foreach (var configuration in configurations)
        {
            await issuance.RequestCredentialsAsync(session, configuration, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        Enter(AuthorizationCodeFlow);
        var issuer = await issuance.LoadIssuerAsync(services.IssuerUrl.GetLeftPart(UriPartial.Authority), cancellationToken).ConfigureAwait(false);
        session = await issuance.AuthorizeAsync(issuer, configurations, new DevelopmentLoginUserAgent(http, personId), cancellationToken).ConfigureAwait(false);
        foreach (var configuration in configurations)
        {
            await issuance.RequestCredentialsAsync(session, configuration, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        Enter(PresentationFlow);
        var (transactionId, requestUri) = await steps.RunAsync(
            $"{flow}/{DemoApis.RelyingPartyRequestStep}",
            () => apis.CreatePresentationAsync(PidQuery(), new Uri(services.VerifierUrl, "/"), cancellationToken),
            _ => "relying-party API: DCQL for PID basics as SD-JWT VC and mdoc, direct_post.jwt, request_uri_method post, same device").ConfigureAwait(false);
        var presented = await presentation.RespondAsync(requestUri, cancellationToken).ConfigureAwait(false);
        var responseCode = presented.ResponseCode;
        var result = await steps.RunAsync(
            $"{flow}/{DemoApis.RelyingPartyResultStep}",
            async () =>
            {
                var result = await apis.GetPresentationAsync(transactionId, responseCode, cancellationToken).ConfigureAwait(false);
                var status = result["status"]?.GetValue<string>();
                if (status != "verified")
                {
                    var code = result["errors"]?[0]?["code"]?.GetValue<string>() ?? status ?? WalletClientErrors.InvalidResponse;
                    throw new WalletFlowException(new WalletFlowError(DemoApis.RelyingPartyResultStep, code, $"The relying party's result is '{status}'."));
                }

                return result;
            },
            _ => $"relying-party API: result read with the response_code of the redirect; status verified").ConfigureAwait(false);

        // The age gate (issue 13): a batch of proof-of-age attestations, one of them presented for age_over_18 only.
        Enter(AgeCheckFlow);
        var (ageOfferUri, ageTxCode) = await steps.RunAsync(
            $"{flow}/{DemoApis.AgencyOfferStep}",
            () => apis.CreateOfferAsync(personId, [AgeConfiguration], cancellationToken),
            _ => $"agency API: offer of the proof-of-age attestation (mdoc eu.europa.ec.av.1) for {personId}").ConfigureAwait(false);
        var ageOffer = await issuance.ResolveOfferAsync(ageOfferUri, cancellationToken).ConfigureAwait(false);
        var ageSession = await issuance.RedeemPreAuthorizedCodeAsync(ageOffer, ageTxCode, cancellationToken).ConfigureAwait(false);
        await issuance.RequestCredentialsAsync(ageSession, AgeConfiguration, count: 3, cancellationToken: cancellationToken).ConfigureAwait(false);
        var (ageTransactionId, ageRequestUri) = await steps.RunAsync(
            $"{flow}/{DemoApis.RelyingPartyRequestStep}",
            () => apis.CreateAgeCheckAsync(18, cancellationToken),
            _ => "relying-party API: age check age_over 18 (asks for that one statement, not retained)").ConfigureAwait(false);
        await presentation.RespondAsync(ageRequestUri, cancellationToken).ConfigureAwait(false);
        var ageCheck = await steps.RunAsync(
            $"{flow}/{DemoApis.RelyingPartyResultStep}",
            () => apis.GetAgeCheckAsync(ageTransactionId, cancellationToken),
            a => $"relying-party API: {a["status"]}, over {a["over"]?.ToJsonString() ?? "null"}").ConfigureAwait(false);

        // Representation (issue 13 §1, §2): the parent's own wallet gets her PID and the representation for her child, and
        // presents both together; the relying party learns that she acts for the child in its service.
        Enter(RepresentationFlow);
        var parentStore = new InMemoryCredentialStore();
        var parentIssuance = new OpenId4VciClient(http, options, parentStore);
        var (pidOfferUri, pidTxCode) = await steps.RunAsync(
            $"{flow}/{DemoApis.AgencyOfferStep}",
            () => apis.CreateOfferAsync(Parent, [SdJwtConfiguration], cancellationToken),
            _ => $"agency API: offer of PID (SD-JWT VC) for the parent {Parent}").ConfigureAwait(false);
        var pidSession = await parentIssuance.RedeemPreAuthorizedCodeAsync(await parentIssuance.ResolveOfferAsync(pidOfferUri, cancellationToken).ConfigureAwait(false), pidTxCode, cancellationToken).ConfigureAwait(false);
        await parentIssuance.RequestCredentialsAsync(pidSession, SdJwtConfiguration, cancellationToken: cancellationToken).ConfigureAwait(false);
        var (porOfferUri, porTxCode) = await steps.RunAsync(
            $"{flow}/{DemoApis.AgencyOfferStep}",
            () => apis.CreateRepresentationOfferAsync(ParentForChild, RepresentationConfiguration, cancellationToken),
            _ => $"agency API: offer of the register relation {ParentForChild} (parental responsibility) to the parent's wallet").ConfigureAwait(false);
        var porSession = await parentIssuance.RedeemPreAuthorizedCodeAsync(await parentIssuance.ResolveOfferAsync(porOfferUri, cancellationToken).ConfigureAwait(false), porTxCode, cancellationToken).ConfigureAwait(false);
        await parentIssuance.RequestCredentialsAsync(porSession, RepresentationConfiguration, cancellationToken: cancellationToken).ConfigureAwait(false);
        var (representationTransactionId, representationRequestUri) = await steps.RunAsync(
            $"{flow}/{DemoApis.RelyingPartyRequestStep}",
            () => apis.CreateRepresentationCheckAsync(ChildService, new JsonObject { ["family_name"] = "Nordmann", ["given_name"] = "Ola", ["birth_date"] = "2014-06-30" }, cancellationToken),
            _ => $"relying-party API: representation check for {ChildService} (PID and representation in one credential set)").ConfigureAwait(false);
        await new OpenId4VpClient(http, options, parentStore).RespondAsync(representationRequestUri, cancellationToken).ConfigureAwait(false);
        var representation = await steps.RunAsync(
            $"{flow}/{DemoApis.RelyingPartyResultStep}",
            () => apis.GetRepresentationCheckAsync(representationTransactionId, cancellationToken),
            r => $"relying-party API: {r["status"]}, accepted {r["accepted"]?.ToJsonString() ?? "null"}").ConfigureAwait(false);
        return (result, ageCheck, representation);
    }

    private static async Task PrintRepresentationAsync(CliContext context, JsonObject representation)
    {
        var errors = representation["errors"] is JsonArray { Count: > 0 } list ? string.Join(", ", list.Select(e => e?["code"]?.GetValue<string>())) : null;
        await context.Stdout.WriteLineAsync().ConfigureAwait(false);
        await context.Stdout.WriteLineAsync($"{RepresentationMarker} (service {representation["serviceId"]}): {representation["statement"]?.GetValue<string>() ?? "refused — " + errors}").ConfigureAwait(false);
    }

    private static async Task PrintResultAsync(CliContext context, JsonObject result)
    {
        var output = context.Stdout;
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync($"{ResultMarker} (status {result["status"]}):").ConfigureAwait(false);
        foreach (var (queryId, credentials) in result["credentials"]?.AsObject() ?? [])
        {
            foreach (var credential in credentials?.AsArray() ?? [])
            {
                var type = credential?["vct"] ?? credential?["doctype"];
                await output.WriteLineAsync($"  {queryId}: {credential?["format"]} {type}, issuer {credential?["issuer"]}, level of assurance {credential?["levelOfAssurance"] ?? "untagged"}, status {credential?["status"]}, holder binding {((bool?)credential?["holderBinding"] == true ? "verified" : "none")}").ConfigureAwait(false);
                await output.WriteLineAsync($"    claims {credential?["claims"]?.ToJsonString()}").ConfigureAwait(false);
            }
        }
    }

    private static async Task PrintPagesAsync(CliContext context, DemoServices services, DemoEnvironment environment, DemoApis apis, string personId, CancellationToken cancellationToken)
    {
        // The journey's own offer is used up; a fresh one gives the user an offer page to open with --keep-running.
        var (offerPage, txCode) = await apis.CreateOfferPageAsync(personId, [SdJwtConfiguration, MdocConfiguration], cancellationToken).ConfigureAwait(false);
        var issuer = services.IssuerUrl.GetLeftPart(UriPartial.Authority);
        var verifier = services.VerifierUrl.GetLeftPart(UriPartial.Authority);
        var output = context.Stdout;
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync("Services (TLS certificate: " + environment.TlsCertificatePath + "; e.g. curl --cacert it):").ConfigureAwait(false);
        await output.WriteLineAsync($"  issuer                {issuer}").ConfigureAwait(false);
        await output.WriteLineAsync($"  issuer metadata       {issuer}/.well-known/openid-credential-issuer").ConfigureAwait(false);
        await output.WriteLineAsync($"  authorization server  {issuer}/.well-known/oauth-authorization-server").ConfigureAwait(false);
        await output.WriteLineAsync($"  issuer offer page     {offerPage} (a fresh offer for {personId}; tx_code {txCode})").ConfigureAwait(false);
        await output.WriteLineAsync($"  agency API            {issuer}/api/offers (X-API-Key: {DemoServices.AgencyApiKey}; OpenAPI {issuer}/api/openapi/agency.json)").ConfigureAwait(false);
        await output.WriteLineAsync($"  verifier              {verifier}").ConfigureAwait(false);
        await output.WriteLineAsync($"  relying-party page    {verifier}/rp").ConfigureAwait(false);
        await output.WriteLineAsync($"  relying-party API     {verifier}/api/presentations (X-Api-Key: {DemoServices.RelyingPartyApiKey}; OpenAPI {verifier}/openapi/v1.json)").ConfigureAwait(false);
    }

    private static JsonArray Claims(string? nameSpace, params string[] names) =>
        new([.. names.Select(n => (JsonNode)new JsonObject { ["path"] = nameSpace is null ? new JsonArray(n) : new JsonArray(nameSpace, n) })]);
}
