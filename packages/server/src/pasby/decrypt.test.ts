/** decryptPasbyClaims: round trips with RSA-2048 keys, and clear errors for wrong keys and garbage. */
import { constants, generateKeyPairSync, publicEncrypt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PassidConfigError } from '../errors.js';
import { decryptPasbyClaims } from './decrypt.js';
import { PasbyDecryptionError } from './errors.js';

const pair = (type: 'pkcs1' | 'pkcs8') =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type, format: 'pem' },
  });
const app = pair('pkcs1');
const other = pair('pkcs8');

/** What pasby does: each leaf on its own, RSA PKCS#1 v1.5, base64. */
const encrypt = (publicKey: string, value: string) =>
  publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(value, 'utf8')).toString('base64');

const plain = {
  naming: { given: 'Adaeze', family: 'Okonkwo-Ìbí', middle: 'Ngozi' },
  contact: { email: 'adaeze@example.com' },
  nationality: { primary: 'NG' },
};
const encrypted = (publicKey: string) =>
  Object.fromEntries(Object.entries(plain).map(([g, leaves]) => [g, Object.fromEntries(Object.entries(leaves).map(([k, val]) => [k, encrypt(publicKey, val)]))]));

/** The error thrown by `fn`, which must throw. */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('decryptPasbyClaims', () => {
  it('decrypts every leaf into the same nested shape (PKCS#1 and PKCS#8 private keys, non-ASCII text)', () => {
    expect(decryptPasbyClaims(encrypted(app.publicKey), app.privateKey)).toEqual(plain);
    expect(decryptPasbyClaims(encrypted(other.publicKey), other.privateKey)).toEqual(plain);
    expect(decryptPasbyClaims({}, app.privateKey)).toEqual({});
  });

  it('a wrong key is a PasbyDecryptionError naming the claim, never the value', () => {
    const error = thrown(() => decryptPasbyClaims(encrypted(app.publicKey), other.privateKey));
    expect(error).toBeInstanceOf(PasbyDecryptionError);
    expect((error as PasbyDecryptionError).path).toBe('naming.given');
    expect(error.message).toMatch(/^\[passid\] Could not decrypt the pasby claim "naming\.given": .*wrong key/);
    expect(error.message).not.toContain('Adaeze');
  });

  it.each([
    ['a value that is not base64', { naming: { given: 'not base64!' } }, 'naming.given', /not base64/],
    ['base64 of the wrong length', { bio: { gender: Buffer.from('short').toString('base64') } }, 'bio.gender', /5 bytes, not the 256/],
    ['a number where a string goes', { contact: { email: 42 } }, 'contact.email', /not a string/],
    ['a group that is not an object', { naming: 'x' }, 'naming', /not an object of claims/],
    ['an array instead of claims', [], 'claims', /not an object of claim groups/],
    ['random bytes of the right length', { naming: { family: Buffer.alloc(256, 7).toString('base64') } }, 'naming.family', /wrong key|not text/],
  ])('refuses %s with the path', (_what, claims, path, why) => {
    const error = thrown(() => decryptPasbyClaims(claims as never, app.privateKey));
    expect(error).toBeInstanceOf(PasbyDecryptionError);
    expect((error as PasbyDecryptionError).path).toBe(path);
    expect(error.message).toMatch(why);
  });

  it('a PEM that is not an RSA private key is a PassidConfigError', () => {
    for (const pem of ['', 'hello', app.publicKey, '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----']) {
      const error = thrown(() => decryptPasbyClaims(encrypted(app.publicKey), pem));
      expect(error).toBeInstanceOf(PassidConfigError);
      expect(error.message).toMatch(/^\[passid\] The pasby private key/);
    }
  });
});
