// The peer as verifier: checks a DeviceResponse with @owf/mdoc against the OpenID4VP redirect SessionTranscript
// (OpenID4VP 1.0 B.2.6.1) it builds itself from the request parameters, and the given trust anchors.
// In:  { deviceResponse: base64url, trustedCertificates: [base64 DER], now: ISO date,
//        handover: { clientId, nonce, responseUri, jwkThumbprint? } | sessionTranscriptHex }
// Out: { verified, failed: [check that failed], documents: [{ docType, claims: { ns: { element: value } } }] }
import { DeviceResponse, Verifier } from '@owf/mdoc';
import { answer, b64u, context, readRequest, transcriptOf } from './context.mjs';

const request = await readRequest();
const failed = [];
let documents = [];
try {
  const deviceResponse = DeviceResponse.fromEncodedForOid4Vp(request.deviceResponse);
  await Verifier.verifyDeviceResponse(
    {
      deviceResponse,
      sessionTranscript: await transcriptOf(request),
      trustedCertificates: request.trustedCertificates.map((c) => new Uint8Array(Buffer.from(c, 'base64'))),
      now: new Date(request.now),
      onCheck: (check) => {
        if (check.status === 'FAILED') failed.push(`${check.category}: ${check.check}${check.reason ? ` (${check.reason})` : ''}`);
      },
    },
    context,
  );
  documents = (deviceResponse.documents ?? []).map((d) => ({
    docType: d.docType,
    claims: Object.fromEntries(
      [...d.issuerSigned.issuerNamespaces.issuerNamespaces.keys()].map((ns) => [ns, Object.fromEntries(Object.entries(d.issuerSigned.getPrettyClaims(ns)).map(([k, v]) => [k, toJson(v)]))]),
    ),
  }));
} catch (error) {
  failed.push(`exception: ${error?.message ?? error}`);
}

answer({ verified: failed.length === 0, failed, documents: failed.length === 0 ? documents : [] });

function toJson(value) {
  if (value instanceof Uint8Array) return b64u(value);
  if (value instanceof Date) return value.toISOString();
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return value;
  return String(value);
}
