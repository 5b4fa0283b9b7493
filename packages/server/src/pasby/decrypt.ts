/**
 * `decryptPasbyClaims`: pasby encrypts each claim separately with the app's RSA public key
 * (PKCS#1 v1.5, base64). Node ≥ 20.11.1 refuses PKCS#1 v1.5 in `crypto.privateDecrypt`
 * (CVE-2023-46809, the Marvin timing attack), so this uses node-forge's pure-JS RSA. That is
 * safe here because nothing decrypts on demand: only ciphertext fetched from pasby with the
 * app's secret is ever decrypted (never a value a browser sent), so there is no oracle.
 */
import forge from 'node-forge';
import { PassidConfigError } from '../errors.js';
import { PasbyDecryptionError } from './errors.js';
import type { PasbyEncryptedClaims } from './types.js';

/** A parsed RSA private key. */
export type PasbyPrivateKey = forge.pki.rsa.PrivateKey;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Parses a PEM RSA private key (`RSA PRIVATE KEY` or `PRIVATE KEY`); a clear error otherwise. */
export function parsePasbyPrivateKey(pem: string): PasbyPrivateKey {
  if (typeof pem !== 'string' || !/-----BEGIN (RSA )?PRIVATE KEY-----/.test(pem)) {
    throw new PassidConfigError('The pasby private key must be a PEM RSA private key ("-----BEGIN RSA PRIVATE KEY-----" or "-----BEGIN PRIVATE KEY-----"), as in pasby\'s communication keys.');
  }
  try {
    return forge.pki.privateKeyFromPem(pem);
  } catch {
    throw new PassidConfigError('The pasby private key could not be read: it is not an unencrypted RSA private key in PEM.');
  }
}

/** Decrypts one base64 leaf; throws `PasbyDecryptionError` naming `path`. */
function decryptLeaf(key: PasbyPrivateKey, path: string, value: unknown): string {
  if (typeof value !== 'string') throw new PasbyDecryptionError(path, 'it is not a string.');
  const compact = value.replace(/\s+/g, '');
  if (!BASE64.test(compact)) throw new PasbyDecryptionError(path, 'it is not base64.');
  const bytes = forge.util.decode64(compact);
  const size = Math.ceil(key.n.bitLength() / 8);
  if (bytes.length !== size) {
    throw new PasbyDecryptionError(path, `it is ${bytes.length} bytes, not the ${size} of RSA ciphertext for this key (a wrong key, or not pasby ciphertext).`);
  }
  let plain: string;
  try {
    plain = key.decrypt(bytes, 'RSAES-PKCS1-V1_5');
  } catch {
    throw new PasbyDecryptionError(path, 'the private key does not fit (a wrong key: use your pasby app\'s own communication keys).');
  }
  try {
    return utf8.decode(forge.util.binary.raw.decode(plain));
  } catch {
    throw new PasbyDecryptionError(path, 'it decrypted to bytes that are not text (a wrong key).');
  }
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The same nested shape as `T`, every leaf decrypted to a string. */
export type DecryptedClaims<T extends PasbyEncryptedClaims> = { -readonly [G in keyof T]: { -readonly [L in keyof T[G]]: string } };

/**
 * Decrypts pasby's encrypted claims with a parsed key. `only`, when given, keeps just those
 * claim keys (`naming.given`…): the rest are neither decrypted nor returned.
 */
export function decryptClaimsWithKey<T extends PasbyEncryptedClaims>(claims: T, key: PasbyPrivateKey, only?: readonly string[]): DecryptedClaims<T> {
  if (!isRecord(claims)) throw new PasbyDecryptionError('claims', 'it is not an object of claim groups.');
  const out: Record<string, Record<string, string>> = {};
  for (const [group, leaves] of Object.entries(claims)) {
    if (!isRecord(leaves)) throw new PasbyDecryptionError(group, 'it is not an object of claims.');
    for (const [name, value] of Object.entries(leaves)) {
      const path = `${group}.${name}`;
      if (only && !only.includes(path)) continue;
      (out[group] ??= {})[name] = decryptLeaf(key, path, value);
    }
  }
  return out as DecryptedClaims<T>;
}

/**
 * Decrypts pasby's claims (`{ naming: { given: "<base64>" } }`) with the app's private key
 * (PEM) into the same shape with plain strings. A bad PEM is a `PassidConfigError`; a wrong
 * key or a value that is not pasby ciphertext is a `PasbyDecryptionError` naming the claim.
 */
export function decryptPasbyClaims<T extends PasbyEncryptedClaims>(claims: T, privateKeyPem: string): DecryptedClaims<T> {
  return decryptClaimsWithKey(claims, parsePasbyPrivateKey(privateKeyPem));
}
