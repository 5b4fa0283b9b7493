/**
 * `toNodeHandler`: runs a Web-standard handler (`createPassidProxy`) in Node's `http` server or
 * Express: `app.use(toNodeHandler(proxy))`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { rememberSocketAddress } from './rate-limit.js';
import { textAnswering, type TextAnswer } from './text-answer.js';

type WebHandler = ((request: Request) => Promise<Response>) & { readonly prefix?: string };

/** Node `(req, res, next?)`. With `next` (Express), requests outside the handler's prefix go on. */
export type NodeHandler = (
  req: IncomingMessage & { originalUrl?: string; body?: unknown },
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => Promise<void>;

export interface NodeHandlerOptions {
  /** Largest body read from the request stream, in bytes (then 413). @default 16384 */
  maxBodyBytes?: number;
}

class BodyTooLarge extends Error {}
/** The client broke its body off (closed mid-body, bad chunk framing): a 400, never a 500. */
class BodyCutOff extends Error {}

async function readBody(req: IncomingMessage & { body?: unknown }, limit: number): Promise<Uint8Array | null> {
  // A body parser ran before us (express.json(), express.raw()…): use what it produced.
  if (req.body !== undefined && req.body !== null && req.readableEnded) {
    if (typeof req.body === 'string') return Buffer.from(req.body);
    if (req.body instanceof Uint8Array) return req.body;
    return Buffer.from(JSON.stringify(req.body));
  }
  if (req.method === 'GET' || req.method === 'HEAD') return null;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += buffer.byteLength;
      if (size > limit) throw new BodyTooLarge();
      chunks.push(buffer);
    }
  } catch (error) {
    throw error instanceof BodyTooLarge ? error : new BodyCutOff();
  }
  return Buffer.concat(chunks);
}

/** A request that may stay open (a server-sent event stream): its `signal` must follow the client. */
function mayStayOpen(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').includes('text/event-stream');
}

function toRequest(req: IncomingMessage & { originalUrl?: string }, body: Uint8Array | null, signal: AbortSignal | undefined): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  headers.delete('content-length');
  const url = new URL(req.originalUrl ?? req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  const init: RequestInit = { method: req.method ?? 'GET', headers, body: body && body.byteLength > 0 ? new Uint8Array(body) : null };
  if (signal) init.signal = signal;
  return new Request(url, init);
}

/**
 * Writes the response. An event stream is written as it comes, never buffered (waiting for
 * `drain` when the socket is full), and when the client goes away its body is cancelled, so
 * the handler stops its upstream work. Anything else is sent whole.
 */
async function send(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  if (!response.body || !/^text\/event-stream/i.test(response.headers.get('content-type') ?? '')) {
    res.end(Buffer.from(await response.arrayBuffer()));
    return;
  }
  const reader = response.body.getReader();
  const onClose = () => void reader.cancel().catch(() => undefined);
  if (res.destroyed) return onClose(); // the client left while the answer was being made
  res.flushHeaders();
  res.once('close', onClose);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await new Promise<void>((resolve) => {
        res.once('drain', resolve);
        res.once('close', resolve);
      });
      if (res.destroyed) return onClose();
    }
    res.end();
  } finally {
    res.off('close', onClose);
  }
}

/** An answer the proxy kept as text: written as it is, no Web `Response` made or read. */
function writeText(res: ServerResponse, answer: TextAnswer): void {
  res.statusCode = answer.status;
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  res.end(answer.body ?? undefined);
}

/** Adapts a `(Request) => Promise<Response>` handler to Node's `(req, res, next?)`. */
export function toNodeHandler(handler: WebHandler, options: NodeHandlerOptions = {}): NodeHandler {
  const limit = options.maxBodyBytes ?? 16_384;
  const answerAsText = textAnswering(handler);
  return async (req, res, next) => {
    const path = (req.originalUrl ?? req.url ?? '/').split('?')[0] ?? '/';
    if (next && handler.prefix && path !== handler.prefix && !path.startsWith(`${handler.prefix}/`)) {
      next();
      return;
    }
    // Aborted when the browser goes away before the answer is complete: only for a request
    // that may stay open (it accepts text/event-stream). A Request that follows a signal costs
    // Node 20 about 25 µs more to make, a fifth of this adapter's time on a short call.
    let gone: AbortController | undefined;
    if (mayStayOpen(req)) {
      const controller = new AbortController();
      gone = controller;
      res.once('close', () => {
        if (!res.writableFinished) controller.abort();
      });
    }
    try {
      const body = await readBody(req, limit);
      const request = toRequest(req, body, gone?.signal);
      rememberSocketAddress(request, req.socket.remoteAddress); // for the proxy's per-IP limit
      const answer = answerAsText ? await answerAsText(request) : await handler(request);
      if (answer instanceof Response) await send(res, answer);
      else writeText(res, answer);
    } catch (error) {
      const [status, code, message] =
        error instanceof BodyTooLarge
          ? [413, 'PAYLOAD_TOO_LARGE', `[passid] The body is over ${limit} bytes.`]
          : error instanceof BodyCutOff
            ? [400, 'INVALID_REQUEST', '[passid] The body was cut off before its end.']
            : [500, 'INTERNAL', '[passid] The request could not be read.'];
      if (res.headersSent || res.destroyed) {
        res.destroy();
        return;
      }
      res.statusCode = status;
      // The rest of the body was not read: this connection cannot carry another request, so
      // say so and close it after the answer (a keep-alive client would wait on it, then reset).
      if (error instanceof BodyTooLarge || error instanceof BodyCutOff) res.setHeader('Connection', 'close');
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ error: { code, message } }));
    }
  };
}
