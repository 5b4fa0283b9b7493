/**
 * Opaque request handles for proxy mode. The browser gets `<requestId>.<mac>` instead of the
 * raw request id, so knowing a request id (it is in the QR deep link) is not enough to read the
 * request's claims through the proxy. The MAC is keyed with a key derived from the institution
 * key, so every instance of the institution's backend agrees without extra configuration. The
 * same key puts the browser's idempotency keys in a namespace of their own.
 */
import { createHmac } from 'node:crypto';
import { constantTimeEqual } from './webhook.js';

const encoder = new TextEncoder();
const REQUEST_ID = /^[A-Za-z0-9_-]{1,128}$/;
/** 16 bytes of HMAC-SHA256 (128 bits) as base64url: 22 characters. */
const MAC_BYTES = 16;

/**
 * HMAC-SHA256 with node:crypto: synchronous, a few microseconds. (WebCrypto's `subtle.sign`
 * goes through the thread pool and a key import per call: 11 % of the proxy's CPU under load.)
 */
function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
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
  const key: string | Buffer = secret ?? hmac(apiKey, 'passid-proxy-request-handle');
  const mac = (requestId: string) => hmac(key, requestId).subarray(0, MAC_BYTES).toString('base64url');
  return {
    async seal(requestId) {
      return `${requestId}.${mac(requestId)}`;
    },
    async open(handle) {
      const dot = handle.lastIndexOf('.');
      if (dot <= 0) return null;
      const requestId = handle.slice(0, dot);
      if (!REQUEST_ID.test(requestId)) return null;
      return constantTimeEqual(encoder.encode(handle.slice(dot + 1)), encoder.encode(mac(requestId))) ? requestId : null;
    },
    async idempotencyKey(browserKey) {
      return `pxy_${hmac(key, `idempotency-key:${browserKey}`).toString('base64url')}`;
    },
  };
}
