// The crypto and X.509 callbacks @owf/mdoc asks its integrator for (MdocContext), on Node's own node:crypto.
// Only primitives live here (ES256 over the bytes the library hands us, certificate parsing and chain checks);
// every mdoc structure (IssuerSigned, MSO, DeviceAuthentication, SessionTranscript, OpenID4VP handover) is the library's.
import { createHash, createPrivateKey, createPublicKey, randomBytes, sign, verify, X509Certificate } from 'node:crypto';
import { CoseKey, SessionTranscript } from '@owf/mdoc';

const b64u = (bytes) => Buffer.from(bytes).toString('base64url');
const fromB64u = (text) => new Uint8Array(Buffer.from(text, 'base64url'));

const hashes = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

function ecJwk(key, withPrivate) {
  const jwk = { kty: 'EC', crv: 'P-256', x: b64u(key.x), y: b64u(key.y) };
  if (withPrivate) jwk.d = b64u(key.d);
  return jwk;
}

function certificate(der) {
  return new X509Certificate(Buffer.from(der));
}

function nameField(name, field) {
  return name.split('\n').filter((line) => line.startsWith(`${field}=`)).map((line) => line.slice(field.length + 1));
}

function requireValidAt(cert, now) {
  if (now < new Date(cert.validFrom) || now > new Date(cert.validTo)) {
    throw new Error(`certificate ${cert.subject.replace(/\n/g, ', ')} is not valid at ${now.toISOString()}`);
  }
}

// The library draws each digestID as a random 32-bit unsigned integer (4 bytes from this callback); ISO/IEC 18013-5
// 9.1.2.4 requires digestIDs smaller than 2^31, and our verifier rejects larger ones (mdoc.mso.invalid). So the
// top bit of a 4-byte draw is cleared, unless a test asks for the library's unrestricted range with it forced on.
let digestIdsFrom2To31 = false;
export function useDigestIdsFrom2To31(value) {
  digestIdsFrom2To31 = value;
}

function random(length) {
  const bytes = new Uint8Array(randomBytes(length));
  if (length === 4) bytes[0] = digestIdsFrom2To31 ? bytes[0] | 0x80 : bytes[0] & 0x7f;
  return bytes;
}

export const context = {
  crypto: {
    random,
    digest: ({ digestAlgorithm, bytes }) => new Uint8Array(createHash(hashes[digestAlgorithm]).update(bytes).digest()),
    calculateEphemeralMacKey: () => {
      throw new Error('deviceMac is not used over OpenID4VP');
    },
  },
  cose: {
    sign1: {
      sign: ({ toBeSigned, key }) =>
        new Uint8Array(sign('sha256', toBeSigned, { key: createPrivateKey({ key: ecJwk(key, true), format: 'jwk' }), dsaEncoding: 'ieee-p1363' })),
      verify: ({ key, sign1 }) =>
        verify('sha256', sign1.toBeSigned, { key: createPublicKey({ key: ecJwk(key, false), format: 'jwk' }), dsaEncoding: 'ieee-p1363' }, sign1.signature),
    },
    mac0: {
      sign: () => {
        throw new Error('deviceMac is not used over OpenID4VP');
      },
      verify: () => false,
    },
  },
  x509: {
    getIssuerNameField: ({ certificate: der, field }) => nameField(certificate(der).subject, field),
    getPublicKey: ({ certificate: der }) => CoseKey.fromJwk(certificate(der).publicKey.export({ format: 'jwk' })),
    // x5chain: leaf first. Each certificate must be valid now and signed by the next; the last must be a trusted
    // certificate or be signed by one.
    verifyCertificateChain: ({ trustedCertificates, x5chain, now }) => {
      const at = now ?? new Date();
      const chain = x5chain.map(certificate);
      const anchors = trustedCertificates.map(certificate);
      chain.forEach((cert, i) => {
        requireValidAt(cert, at);
        const next = chain[i + 1];
        if (next && !(cert.checkIssued(next) && cert.verify(next.publicKey))) {
          throw new Error(`certificate ${i} of x5chain is not signed by certificate ${i + 1}`);
        }
      });
      const last = chain[chain.length - 1];
      const anchor = anchors.find((a) => a.raw.equals(last.raw) || (last.checkIssued(a) && last.verify(a.publicKey)));
      if (!anchor) throw new Error('x5chain does not lead to a trusted certificate');
      requireValidAt(anchor, at);
    },
    getCertificateData: ({ certificate: der }) => {
      const cert = certificate(der);
      return {
        issuerName: cert.issuer.replace(/\n/g, ', '),
        subjectName: cert.subject.replace(/\n/g, ', '),
        serialNumber: cert.serialNumber,
        thumbprint: cert.fingerprint256.replace(/:/g, '').toLowerCase(),
        notBefore: new Date(cert.validFrom),
        notAfter: new Date(cert.validTo),
        pem: cert.toString(),
      };
    },
  },
};

// The OpenID4VP 1.0 redirect SessionTranscript (B.2.6.1), built by the library from the request parameters.
// jwkThumbprint: base64url of the verifier key's RFC 7638 thumbprint for direct_post.jwt; absent or null for direct_post.
// A handover given as hex (sessionTranscriptHex) is used as it is: the tests use it to show what the peer does with
// a transcript it did not build itself.
export async function transcriptOf(request) {
  if (request.sessionTranscriptHex) {
    return new Uint8Array(Buffer.from(request.sessionTranscriptHex, 'hex'));
  }

  const { clientId, nonce, responseUri, jwkThumbprint } = request.handover;
  return SessionTranscript.forOid4Vp(
    { clientId, nonce, responseUri, jwkThumbprint: jwkThumbprint == null ? undefined : fromB64u(jwkThumbprint) },
    context,
  );
}

export async function readRequest() {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return JSON.parse(text);
}

export function answer(value) {
  process.stdout.write(JSON.stringify(value));
}

export { b64u, fromB64u };
