// The peer as Verifier: verifies our SD-JWT VC presentation with sd-jwt-js (Issuer signature, Disclosures, KB-JWT
// signature with cnf.jwk, nonce, sd_hash, iat/nbf/exp). Request:
//   { presentation, issuerPublicJwk? | trustedRootPem?, aud?, nonce?, now?: unix seconds, libraryOnly?: true }
// The Issuer key is issuerPublicJwk, or the x5c leaf's key after node's X.509 code checked the chain to the root.
// sd-jwt-js checks that the KB-JWT has an aud but not its value (RFC 9901 §7.3 step 5.f wants it compared), so this
// script compares it, unless libraryOnly asks for sd-jwt-js's verdict alone. Answer: { verified: true, header, claims, kb } or { verified: false, error }.
import { answer, decodeHeader, readRequest, sdJwtVc, x5cIssuerKey } from './common.mjs';

const request = await readRequest();
const now = request.now ?? Math.floor(Date.now() / 1000);
try {
  const issuerPublicJwk = request.issuerPublicJwk
    ?? x5cIssuerKey(decodeHeader(request.presentation).x5c, request.trustedRootPem, now * 1000);
  const sdjwt = await sdJwtVc({ issuerPublicJwk });
  const result = await sdjwt.verify(request.presentation, {
    keyBindingNonce: request.nonce,
    currentDate: now,
    disableStatusVerification: true,
  });
  if (request.nonce && !request.libraryOnly && result.kb?.payload.aud !== request.aud) {
    throw new Error(`KB-JWT aud ${JSON.stringify(result.kb?.payload.aud)} is not ${JSON.stringify(request.aud)}`);
  }
  answer({ verified: true, header: result.header, claims: result.payload, kb: result.kb ?? null });
} catch (error) {
  answer({ verified: false, error: `${error.name}: ${error.message}` });
}
