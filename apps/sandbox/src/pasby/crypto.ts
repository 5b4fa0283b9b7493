/**
 * The sandbox's pasby cryptography: the app's RSA-2048 key pair (made once per database),
 * claim encryption (RSA PKCS#1 v1.5, base64, what pasby's guide decrypts with JSEncrypt), the
 * HS256 JWTs (v1 access tokens, the identification model's `signature` stamp) and the user's
 * e-signature on a completed flow.
 *
 * Encryption uses Node's own `crypto.publicEncrypt` with `RSA_PKCS1_PADDING`: Node ≥ 20.11.1
 * refuses PKCS#1 v1.5 only in `privateDecrypt` (CVE-2023-46809, a timing oracle on decryption),
 * so the sandbox needs no RSA library; decryption happens in `@passid/server` with node-forge.
 */
import { constants, createHmac, generateKeyPairSync, publicEncrypt, randomBytes } from 'node:crypto';
import type { Db } from '../db.js';

export { signJwt, verifyJwt } from '../jwt.js';

export interface PasbyKeys {
  /** SPKI PEM (`-----BEGIN PUBLIC KEY-----`). */
  readonly publicKey: string;
  /** PKCS#1 PEM (`-----BEGIN RSA PRIVATE KEY-----`), as JSEncrypt and node-forge read it. */
  readonly privateKey: string;
  /** Signs v1 access tokens and identification stamps. */
  readonly jwtSecret: Buffer;
}

function meta(db: Db, key: string, make: () => string): string {
  const read = db.prepare('SELECT value FROM meta WHERE key = ?');
  const row = read.get(key) as { value: string } | undefined;
  if (row) return row.value;
  db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run(key, make());
  return (read.get(key) as { value: string }).value;
}

/** The database's pasby keys, made at its first start and kept across restarts. */
export function pasbyKeys(db: Db): PasbyKeys {
  const pair = meta(db, 'pasby_rsa_keys', () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    });
    return JSON.stringify({ publicKey, privateKey });
  });
  const { publicKey, privateKey } = JSON.parse(pair) as { publicKey: string; privateKey: string };
  const jwtSecret = Buffer.from(meta(db, 'pasby_jwt_secret', () => randomBytes(32).toString('base64url')), 'base64url');
  return { publicKey, privateKey, jwtSecret };
}

/** One claim value → base64 RSA PKCS#1 v1.5 ciphertext (random padding: a new one each time). */
export function encryptLeaf(publicKey: string, value: string): string {
  return publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(value, 'utf8')).toString('base64');
}

/** The sandbox's stand-in for the user's e-signature on a treated flow (base64). */
export function userSignature(secret: Buffer, flowId: string, nin: string, signedAt: number): string {
  return createHmac('sha512', secret).update(`pasby-signature\n${flowId}\n${nin}\n${signedAt}`).digest('base64');
}
