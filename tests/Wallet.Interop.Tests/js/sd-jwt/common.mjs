// Shared by the peer scripts: stdin/stdout JSON, ES256 keys and the sd-jwt-js instance.
// Only the OpenWallet Foundation's sd-jwt-js and node's own crypto do the SD-JWT work here; no code of ours.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { ES256, digest, generateSalt } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';

export async function readRequest() {
  const chunks = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export function answer(value) {
  process.stdout.write(JSON.stringify(value));
}

// A private key given as a PKCS#8 PEM (from our test certificates) or a JWK, as a private JWK.
export function privateJwk(key) {
  if (typeof key === 'string') {
    return createPrivateKey(key).export({ format: 'jwk' });
  }
  return key;
}

export function publicJwk({ kty, crv, x, y }) {
  return { kty, crv, x, y };
}

// A fresh P-256 key pair as WebCrypto exports it: the public JWK keeps "key_ops" and "ext", as in sd-jwt-js's own
// examples, where it goes into cnf.jwk unchanged.
export async function newKeyPair() {
  return ES256.generateKeyPair();
}

// The peer's verifier callback for the Issuer-signed JWT: the key comes from the x5c leaf after node's own X.509
// code checked each certificate against the next and the last against the trusted root, all valid now.
export function x5cIssuerKey(x5c, rootPem, now) {
  if (!Array.isArray(x5c) || x5c.length === 0) {
    throw new Error('x5c missing from the Issuer-signed JWT header');
  }
  const chain = x5c.map((der) => new X509Certificate(Buffer.from(der, 'base64')));
  chain.push(new X509Certificate(rootPem));
  for (let i = 0; i < chain.length; i++) {
    const cert = chain[i];
    if (now < Date.parse(cert.validFrom) || now > Date.parse(cert.validTo)) {
      throw new Error(`certificate ${cert.subject} is not valid now`);
    }
    const signer = i + 1 < chain.length ? chain[i + 1] : cert;
    if (!signer.ca) {
      throw new Error(`certificate ${signer.subject} signs ${cert.subject} but is not a CA`);
    }
    if (!cert.verify(signer.publicKey)) {
      throw new Error(`certificate ${cert.subject} is not signed by ${signer.subject}`);
    }
  }
  return chain[0].publicKey.export({ format: 'jwk' });
}

export function decodeHeader(compact) {
  const jwt = compact.split('~')[0];
  return JSON.parse(Buffer.from(jwt.split('.')[0], 'base64url').toString('utf8'));
}

export async function sdJwtVc({ issuerPrivateJwk, issuerPublicJwk, holderPrivateJwk, hashAlg } = {}) {
  return new SDJwtVcInstance({
    hasher: digest,
    hashAlg: hashAlg ?? 'sha-256',
    saltGenerator: generateSalt,
    signAlg: ES256.alg,
    signer: issuerPrivateJwk ? await ES256.getSigner(issuerPrivateJwk) : undefined,
    verifier: issuerPublicJwk ? await ES256.getVerifier(issuerPublicJwk) : undefined,
    kbSignAlg: ES256.alg,
    kbSigner: holderPrivateJwk ? await ES256.getSigner(holderPrivateJwk) : undefined,
    kbVerifier: async (data, signature, payload) => {
      const jwk = payload?.cnf?.jwk;
      if (!jwk) {
        throw new Error('cnf.jwk missing: no holder key to verify the KB-JWT with');
      }
      return (await ES256.getVerifier(jwk))(data, signature);
    },
  });
}
