// The peer as Issuer and Holder: issues an SD-JWT VC (dc+sd-jwt, ES256, cnf.jwk) with sd-jwt-js and presents it
// with a KB-JWT. Request:
//   { issuerKey?: PEM | JWK (generated when absent), x5c?: [base64 DER, leaf first], holderKey?: JWK (generated),
//     hashAlg?: 'sha-256' (default) | 'sha-384' | 'sha-512', typ?: header typ instead of sd-jwt-js's 'dc+sd-jwt',
//     payload: { iss, iat, exp, vct, ...claims }, disclosureFrame, presentationFrame, kb?: { aud, nonce, iat } }
// With `issued` (an SD-JWT VC from someone else, e.g. ours), its `issuerPublicJwk` and `holderKey` the peer only
// presents, as the Holder.
// Answer: { issued, presentation, issuerPublicJwk, holderPublicJwk, holderPrivateJwk, presentableKeys,
//           peerClaims: what sd-jwt-js itself reads from the presentation }
import { answer, newKeyPair, privateJwk, publicJwk, readRequest, sdJwtVc } from './common.mjs';

const request = await readRequest();
const keyPair = async (key) => {
  if (!key) {
    return newKeyPair();
  }
  const privateKey = privateJwk(key);
  return { privateKey, publicKey: publicJwk(privateKey) };
};
const { privateKey: issuerPrivateJwk, publicKey: issuerKey } = await keyPair(request.issuerKey);
const { privateKey: holderPrivateJwk, publicKey: holderPublicJwk } = await keyPair(request.holderKey);
const issuerPublicJwk = request.issuerPublicJwk ?? issuerKey;

const sdjwt = await sdJwtVc({ issuerPrivateJwk, issuerPublicJwk, holderPrivateJwk, hashAlg: request.hashAlg });
const payload = request.issued ? undefined : { ...request.payload, cnf: { jwk: holderPublicJwk } };
const header = { ...(request.typ ? { typ: request.typ } : {}), ...(request.x5c ? { x5c: request.x5c } : {}) };
const issued = request.issued ?? await sdjwt.issue(payload, request.disclosureFrame, { header });
const presentation = await sdjwt.present(
  issued,
  request.presentationFrame,
  request.kb ? { kb: { payload: request.kb } } : undefined,
);

// The peer's own reading of what it presented, to compare with ours.
const verified = await sdjwt.verify(presentation, {
  keyBindingNonce: request.kb?.nonce,
  currentDate: Math.max(request.payload?.iat ?? 0, request.kb?.iat ?? 0, Math.floor(Date.now() / 1000)),
});

answer({
  issued,
  presentation,
  issuerPublicJwk,
  holderPublicJwk,
  holderPrivateJwk,
  presentableKeys: await sdjwt.presentableKeys(issued),
  peerClaims: verified.payload,
});
