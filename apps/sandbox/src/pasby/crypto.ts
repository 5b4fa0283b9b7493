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
import { constants, createHmac, generateKeyPair, publicEncrypt, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import type { Db } from '../db.js';

export { signJwt, verifyJwt } from '../jwt.js';

export interface PasbyKeyPair {
  /** SPKI PEM (`-----BEGIN PUBLIC KEY-----`). */
  readonly publicKey: string;
  /** PKCS#1 PEM (`-----BEGIN RSA PRIVATE KEY-----`), as JSEncrypt and node-forge read it. */
  readonly privateKey: string;
}

export interface PasbyKeys {
  /**
   * The app's RSA-2048 key pair: made once per database, off the main thread, the first time
   * pasby needs it (an approval, or the communication keys), then kept in the database.
   * Making it at every start would cost each sandbox 150–400 ms of CPU, pasby or not.
   */
  readonly pair: () => Promise<PasbyKeyPair>;
  /** Signs v1 access tokens, identification stamps and e-signatures. */
  readonly jwtSecret: Buffer;
}

function meta(db: Db, key: string, make: () => string): string {
  const read = db.prepare('SELECT value FROM meta WHERE key = ?');
  const row = read.get(key) as { value: string } | undefined;
  if (row) return row.value;
  db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run(key, make());
  return (read.get(key) as { value: string }).value;
}

const RSA_OPTIONS = {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
} as const;

/** The database's pasby keys; the RSA pair is kept across restarts once made. */
export function pasbyKeys(db: Db): PasbyKeys {
  const stored = () => (db.prepare('SELECT value FROM meta WHERE key = ?').get('pasby_rsa_keys') as { value: string } | undefined)?.value;
  let pair: Promise<PasbyKeyPair> | undefined;
  const make = async (): Promise<PasbyKeyPair> => {
    const existing = stored();
    if (existing) return JSON.parse(existing) as PasbyKeyPair;
    const made = await promisify(generateKeyPair)('rsa', RSA_OPTIONS);
    if (!db.open) return made; // the sandbox closed meanwhile: nothing to keep
    // Another process on the same database may have been first: keep and use its pair.
    db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('pasby_rsa_keys', JSON.stringify(made));
    return JSON.parse(stored()!) as PasbyKeyPair;
  };
  const jwtSecret = Buffer.from(meta(db, 'pasby_jwt_secret', () => randomBytes(32).toString('base64url')), 'base64url');
  return {
    pair: () => (pair ??= make().catch((error: unknown) => {
      pair = undefined;
      throw error;
    })),
    jwtSecret,
  };
}

/** One claim value → base64 RSA PKCS#1 v1.5 ciphertext (random padding: a new one each time). */
export function encryptLeaf(publicKey: string, value: string): string {
  return publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(value, 'utf8')).toString('base64');
}

/** The sandbox's stand-in for the user's e-signature on a treated flow (base64). */
export function userSignature(secret: Buffer, flowId: string, nin: string, signedAt: number): string {
  return createHmac('sha512', secret).update(`pasby-signature\n${flowId}\n${nin}\n${signedAt}`).digest('base64');
}
