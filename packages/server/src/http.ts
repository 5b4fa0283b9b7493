/** Small HTTP helpers shared by the client and the proxy. */

/** PASSID's production API (the core's constant, so there is one). */
export { DEFAULT_BASE_URL } from '@passid/core';

/** Header that carries the institution key. */
export const INSTITUTION_KEY_HEADER = 'X-Institution-Key';

/** `https://api.passid.io/` + `/api/bridge/verify` without a double slash. */
export function joinUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, '') + path;
}

/** Replaces every occurrence of `secret` in `text` with its masked form. */
export function scrub(text: string, secret: string): string {
  if (!secret) return text;
  return text.split(secret).join(`${secret.slice(0, 4)}…`);
}

/** Reads a body as JSON, or `undefined` when it is empty or not JSON. */
export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Reads a request body, stopping at `maxBytes`: a declared `Content-Length` over the limit is
 * refused before reading, and a body without one (chunked) is counted as it streams and
 * cancelled as soon as it passes the limit. Resolves to the bytes, or `null` when too large
 * (answer 413). An absent body is empty. The bytes are backed by a plain `ArrayBuffer`, so they
 * can be sent on as a `fetch` body.
 */
export async function readBodyWithLimit(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) return null;
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
