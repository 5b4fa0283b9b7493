/**
 * Opaque request handles for proxy mode. The browser gets `<requestId>.<mac>` instead of the
 * raw request id, so knowing a request id (it is in the QR deep link) is not enough to read the
 * request's claims through the proxy. The MAC is keyed with a key derived from the institution
 * key, so every instance of the institution's backend agrees without extra configuration. The
 * same key puts the browser's idempotency keys in a namespace of their own.
 */
import { constantTimeEqual } from './webhook.js';

const encoder = new TextEncoder();
const REQUEST_ID = /^[A-Za-z0-9_-]{1,128}$/;
/** 16 bytes of HMAC-SHA256 (128 bits) as base64url: 22 characters. */
const MAC_BYTES = 16;

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function hmac(key: Uint8Array<ArrayBuffer> | string, data: string): Promise<Uint8Array<ArrayBuffer>> {
  const raw = typeof key === 'string' ? encoder.encode(key) : key;
  const cryptoKey = await globalThis.crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(data)));
}

export interface RequestHandles {
  /** `requestId` → `<requestId>.<mac>`. */
  seal(requestId: string): Promise<string>;
  /** A handle → its request id, or `null` when it is not a handle this key made. */
  open(handle: string): Promise<string | null>;
  /**
   * A browser's `Idempotency-Key` → the key sent to PASSID: `pxy_` + HMAC-SHA256 of it (256
   * bits, base64url). The same browser key always gives the same upstream key (its retries
   * stay idempotent), but no browser can choose a key the institution's backend uses.
   */
  idempotencyKey(browserKey: string): Promise<string>;
}

/**
 * Handles keyed by `secret` when given, else by HMAC-SHA256(apiKey, 'passid-proxy-request-handle').
 */
export function createRequestHandles(apiKey: string, secret?: string): RequestHandles {
  let key: Promise<Uint8Array<ArrayBuffer>> | undefined;
  const derivedKey = () =>
    (key ??= (secret !== undefined ? Promise.resolve(encoder.encode(secret)) : hmac(apiKey, 'passid-proxy-request-handle')).catch((error: unknown) => {
      key = undefined; // a failure is not remembered: the next request tries again
      throw error;
    }));
  const mac = async (requestId: string) => base64url((await hmac(await derivedKey(), requestId)).slice(0, MAC_BYTES));
  return {
    async seal(requestId) {
      return `${requestId}.${await mac(requestId)}`;
    },
    async open(handle) {
      const dot = handle.lastIndexOf('.');
      if (dot <= 0) return null;
      const requestId = handle.slice(0, dot);
      if (!REQUEST_ID.test(requestId)) return null;
      const expected = encoder.encode(await mac(requestId));
      return constantTimeEqual(encoder.encode(handle.slice(dot + 1)), expected) ? requestId : null;
    },
    async idempotencyKey(browserKey) {
      return `pxy_${base64url(await hmac(await derivedKey(), `idempotency-key:${browserKey}`))}`;
    },
  };
}
