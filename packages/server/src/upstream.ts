/**
 * How the proxy calls PASSID for create, status and verify: one call in, the whole answer out.
 * By default through Node's own http/https client with a keep-alive agent per proxy; with the
 * `fetch` option, through that `fetch`. Measured on the 2-core machine (Node 20.20.2), one
 * status call cost 250–450 µs of CPU through the global `fetch` and 60–130 µs through
 * `node:http`: the global `fetch` was most of the proxy's CPU under load (`pnpm bench:proxy`).
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface UpstreamInit {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

export interface UpstreamAnswer {
  status: number;
  /** A response header (names are case-insensitive), or `null`. */
  header(name: string): string | null;
  text: string;
}

/** One call to PASSID. Rejects with an error named `TimeoutError` after `timeoutMs`, or a network error. */
export type UpstreamCall = (url: string, init: UpstreamInit, timeoutMs: number) => Promise<UpstreamAnswer>;

function timeoutError(): Error {
  return new DOMException('PASSID did not answer in time.', 'TimeoutError');
}

/** Through a `fetch` (the institution's, or a test's). */
export function viaFetch(fetchFn: typeof fetch): UpstreamCall {
  return async (url, init, timeoutMs) => {
    // A controller and a timer, not AbortSignal.timeout(): that one makes a transferable
    // signal on every call.
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(timeoutError()), timeoutMs);
    try {
      const response = await fetchFn(url, { ...init, signal: timeout.signal });
      return { status: response.status, header: (name) => response.headers.get(name), text: await response.text() };
    } finally {
      clearTimeout(timer);
    }
  };
}

/** Through `node:http` / `node:https`, connections kept alive between calls. */
export function viaNode(): UpstreamCall {
  const agents = { 'http:': new HttpAgent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) };

  function once(url: URL, init: UpstreamInit, timeoutMs: number): Promise<UpstreamAnswer> {
    return new Promise((resolve, reject) => {
      const secure = url.protocol === 'https:';
      if (!secure && url.protocol !== 'http:') throw new TypeError(`[passid] baseUrl must be http: or https: (got ${url.protocol})`);
      const headers = init.body === undefined ? init.headers : { ...init.headers, 'Content-Length': String(Buffer.byteLength(init.body)) };
      const onAnswer = (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('end', () => {
          clearTimeout(timer);
          const status = res.statusCode ?? 502;
          resolve({ status, header: (name) => joinHeader(res.headers[name.toLowerCase()]), text: Buffer.concat(chunks).toString('utf8') });
        });
      };
      const options = { method: init.method, headers, agent: agents[secure ? 'https:' : 'http:'] };
      const req = secure ? httpsRequest(url, options, onAnswer) : httpRequest(url, options, onAnswer);
      const timer = setTimeout(() => req.destroy(timeoutError()), timeoutMs);
      function fail(error: Error): void {
        clearTimeout(timer);
        reject(Object.assign(error, { reusedSocket: req.reusedSocket }));
      }
      req.on('error', fail);
      req.end(init.body);
    });
  }

  return async (url, init, timeoutMs) => {
    const target = new URL(url);
    try {
      return await once(target, init, timeoutMs);
    } catch (error) {
      // A kept-alive connection the server closed just as it was reused: a GET is safe to
      // send again, once, on a fresh connection.
      const reused = (error as { reusedSocket?: boolean }).reusedSocket === true;
      const code = (error as { code?: string }).code;
      if (init.method === 'GET' && reused && (code === 'ECONNRESET' || code === 'EPIPE')) return once(target, init, timeoutMs);
      throw error;
    }
  };
}

function joinHeader(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}
