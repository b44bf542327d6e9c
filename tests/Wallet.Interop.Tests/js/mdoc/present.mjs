// The peer as issuer and holder: issues an mdoc with @owf/mdoc, then presents it as a DeviceResponse whose
// deviceSignature covers the OpenID4VP redirect SessionTranscript (OpenID4VP 1.0 B.2.6.1) built by the library.
// In:  { docType, nameSpaces: { ns: { element: value } } (a value { "fullDate": "YYYY-MM-DD" } becomes a tag-1004 full-date), issuerKey: private JWK, certificates: [base64 DER, leaf first],
//        deviceKey: private JWK, validity: { signed, validFrom, validUntil }, disclose: { ns: [element] },
//        handover: { clientId, nonce, responseUri, jwkThumbprint? }, digestIdsFrom2To31?: true for digestIDs ≥ 2^31 }
// Out: { deviceResponse: base64url DeviceResponse, sessionTranscriptHex: the library's SessionTranscript }
import { CoseKey, DateOnly, DeviceKey, DeviceRequest, DocRequest, Holder, Issuer, ItemsRequest, SignatureAlgorithm } from '@owf/mdoc';
import { answer, context, readRequest, transcriptOf, useDigestIdsFrom2To31 } from './context.mjs';

const request = await readRequest();
useDigestIdsFrom2To31(request.digestIdsFrom2To31 === true);

const issuer = new Issuer(request.docType, context);
for (const [ns, elements] of Object.entries(request.nameSpaces)) {
  issuer.addIssuerNamespace(ns, Object.fromEntries(Object.entries(elements).map(([id, value]) => [id, value?.fullDate ? new DateOnly(value.fullDate) : value])));
}
const issuerSigned = await issuer.sign({
  signingKey: CoseKey.fromJwk(request.issuerKey),
  algorithm: SignatureAlgorithm.ES256,
  digestAlgorithm: 'SHA-256',
  validityInfo: {
    signed: new Date(request.validity.signed),
    validFrom: new Date(request.validity.validFrom),
    validUntil: new Date(request.validity.validUntil),
  },
  deviceKeyInfo: { deviceKey: DeviceKey.fromJwk({ kty: 'EC', crv: 'P-256', x: request.deviceKey.x, y: request.deviceKey.y }) },
  certificates: request.certificates.map((c) => new Uint8Array(Buffer.from(c, 'base64'))),
});

const sessionTranscript = await transcriptOf(request);
const deviceRequest = DeviceRequest.create({
  docRequests: [
    DocRequest.create({
      itemsRequest: ItemsRequest.create({
        docType: request.docType,
        namespaces: Object.fromEntries(Object.entries(request.disclose).map(([ns, ids]) => [ns, Object.fromEntries(ids.map((id) => [id, false]))])),
      }),
    }),
  ],
});
const deviceResponse = await Holder.createDeviceResponseForDeviceRequest(
  { deviceRequest, sessionTranscript, issuerSigned: [issuerSigned], signature: { signingKey: CoseKey.fromJwk(request.deviceKey) } },
  context,
);

answer({
  deviceResponse: deviceResponse.encodedForOid4Vp,
  sessionTranscriptHex: Buffer.from(sessionTranscript instanceof Uint8Array ? sessionTranscript : sessionTranscript.encode()).toString('hex'),
});
