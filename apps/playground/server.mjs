// @ts-check
/**
 * The playground's backend: plays the institution's server next to the built playground page.
 *
 * - serves `dist/` (the built page; `/wallet` is the wallet simulator, same bundle);
 * - proxy mode: mounts `createPassidProxy` from `@passid/server` at `/api/passid`, holding
 *   the sandbox key so the browser never sends one;
 * - webhooks: registers `http://127.0.0.1:<port>/webhooks/passid` with the sandbox (retrying
 *   quietly until the sandbox answers), verifies every delivery over the raw body with
 *   `verifyWebhook`, drops repeats by event id, and shows them to the page (`GET /api/events`;
 *   refused posts are kept apart, the newest 20, so a flood of them never hides a real event);
 *   while the page polls, it asks the sandbox every few seconds where webhooks go
 *   (`GET /api/sandbox/webhook-endpoint`: the sandbox keeps ONE endpoint per institution), so a
 *   receiver registered by someone else shows on the page. It never takes the endpoint back by
 *   itself: the page's "Re-register" button does (`POST /api/webhook/register`, refused to
 *   pages of other origins);
 * - `/sandbox/*`: a pass-through to the sandbox's public and wallet endpoints, so the wallet
 *   simulator works from a phone on the same network (it needs to reach only this server);
 * - pasby (`pasby.mjs`): `createPasbyProxy` at `/api/pasby`, and pasby's wallet side in the pass-through;
 * - `GET /config.json`: what the page needs (sandbox URL, LAN URLs, webhook status).
 */
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { createPassidProxy, verifyWebhook, createWebhookDeduplicator, readBodyWithLimit } from '@passid/server';
import { mountPasby, PASBY_PASS_THROUGH, PASBY_PREFIX } from './pasby.mjs';

/** Largest body the webhook receiver and the /sandbox pass-through accept (then 413). */
const MAX_BODY_BYTES = 65_536;
import { readFile, stat } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The sandbox key the playground's backend holds (the seeded "Demo Bank"). */
export const PLAYGROUND_API_KEY = 'sk_sandbox_demo';
/** Where the proxy is mounted. */
export const PROXY_PREFIX = '/api/passid';
const MAX_EVENTS = 200;
/** Refused (unsigned, forged) posts are kept apart, the newest few, so they never push real events out. */
const MAX_REJECTED = 20;

const MIME = /** @type {Record<string, string>} */ ({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
});

/** Paths of the sandbox the `/sandbox/*` pass-through forwards (public + wallet, no institution key). */
const PASS_THROUGH = [
  /^\/api\/bridge\/request\/[^/]+\/(public|fulfill|decline)$/,
  /^\/api\/bridge\/request\/by-code\/[^/]+$/,
  /^\/api\/sandbox\/wallet\/(login|share|revoke)$/,
  ...PASBY_PASS_THROUGH,
];

/**
 * @typedef {object} PlaygroundEvent
 * @property {number} seq          order of arrival (1, 2, …)
 * @property {string} receivedAt   ISO time this server received it
 * @property {string} [id]         the event id (`evt_…`), when the body parsed
 * @property {string} [type]       `verification.completed`, …
 * @property {boolean} verified    the signature (and freshness) checked out
 * @property {boolean} duplicate   an id already processed (a retry): acknowledged, not processed again
 * @property {unknown} [data]      the event's `data`
 * @property {string} [problem]    why it was rejected
 */

/**
 * @typedef {object} PlaygroundOptions
 * (Defaults are written "(default: …)", not as `@default` tags: a tag would end this typedef.)
 * @property {number} [port]         port to listen on (default: 5173; 0 picks a free port)
 * @property {string} [host]         interface (default: '0.0.0.0', reachable from the LAN, for a phone)
 * @property {string} [sandboxUrl]   the sandbox (default: 'http://localhost:8787')
 * @property {string} [distDir]      the built page (default: `<this folder>/dist`)
 * @property {number} [registerRetryMs] delay between webhook registration attempts (default: 2000)
 * @property {number} [endpointCheckMs] how often (at most) `GET /api/events` asks the sandbox where webhooks go (default: 5000)
 * @property {(line: string) => void} [log] where status lines go (default: console.log)
 */

/**
 * Starts the playground server.
 * @param {PlaygroundOptions} [options]
 */
export async function startPlayground(options = {}) {
  const sandboxUrl = (options.sandboxUrl ?? 'http://localhost:8787').replace(/\/+$/, '');
  const distDir = resolve(options.distDir ?? fileURLToPath(new URL('./dist', import.meta.url)));
  const log = options.log ?? ((line) => console.log(line));
  const retryMs = options.registerRetryMs ?? 2000;
  const checkMs = options.endpointCheckMs ?? 5000;

  /** @type {PlaygroundEvent[]} verified deliveries (and their repeats) */
  const events = [];
  /** @type {PlaygroundEvent[]} refused posts, apart */
  const rejected = [];
  let seq = 0;
  /** Secrets this server was given, newest first (a re-registration may rotate it mid-delivery). */
  /** @type {string[]} */
  const secrets = [];
  /**
   * `registered`: the sandbox delivers to this server's receiver. `deliversTo`: where the sandbox
   * delivers (as last seen; null when unknown or none). `url`: this server's receiver.
   */
  const webhook = {
    registered: false,
    url: '',
    deliversTo: /** @type {string | null} */ (null),
    error: /** @type {string | null} */ (null),
    attempts: 0,
  };
  let lastCheck = 0;
  /** @type {Promise<void> | null} */
  let checking = null;
  const dedupe = createWebhookDeduplicator();
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let retryTimer;
  let closed = false;
  let port = options.port ?? 5173;

  const proxy = createPassidProxy({ apiKey: PLAYGROUND_API_KEY, baseUrl: sandboxUrl, prefix: PROXY_PREFIX });

  const app = new Hono();

  app.all(`${PROXY_PREFIX}/*`, (c) => proxy(c.req.raw));
  mountPasby(app, { sandboxUrl });

  app.get('/config.json', (c) =>
    c.json({
      sandboxUrl,
      proxyPrefix: PROXY_PREFIX,
      pasbyPrefix: PASBY_PREFIX,
      apiKey: PLAYGROUND_API_KEY,
      lanUrls: lanUrls(port),
      webhook: webhookStatus(),
    }),
  );

  app.get('/api/events', async (c) => {
    const after = Number(c.req.query('after') ?? 0) || 0;
    if (Date.now() - lastCheck >= checkMs) await checkEndpoint();
    const list = [...events, ...rejected].filter((e) => e.seq > after).sort((a, b) => a.seq - b.seq);
    return c.json({ events: list, webhook: webhookStatus() });
  });

  app.post('/api/webhook/register', async (c) => {
    // Only this page may move the sandbox's webhooks (a simple cross-site POST needs no preflight).
    if (!sameOrigin(c.req.raw)) {
      return c.json({ error: { code: 'FORBIDDEN', message: 'register from the playground page itself' } }, 403);
    }
    await register();
    return c.json(webhookStatus());
  });

  /** @param {import('hono').Context} c */
  const tooLarge = (c) =>
    c.json({ error: { code: 'PAYLOAD_TOO_LARGE', message: `the body is larger than ${MAX_BODY_BYTES} bytes` } }, 413);

  app.post('/webhooks/passid', async (c) => {
    const raw = await readBodyWithLimit(c.req.raw, MAX_BODY_BYTES);
    if (raw === null) return tooLarge(c);
    const signature = c.req.header('x-passid-signature') ?? '';
    /** @type {PlaygroundEvent} */
    const entry = { seq: 0, receivedAt: new Date().toISOString(), verified: false, duplicate: false };
    const result = checkSignature(raw, signature);
    if (!result.ok) {
      entry.problem = result.problem;
      try {
        const body = JSON.parse(new TextDecoder().decode(raw));
        entry.id = typeof body?.id === 'string' ? body.id : undefined;
        entry.type = typeof body?.type === 'string' ? body.type : undefined;
      } catch {
        /* not JSON: nothing more to show */
      }
      pushRejected(entry);
      return c.json({ error: { code: 'INVALID_SIGNATURE', message: result.problem } }, 400);
    }
    const event = result.event;
    entry.verified = true;
    entry.id = event.id;
    entry.type = event.type;
    entry.data = event.data;
    const once = await dedupe.once(event.id, () => push(entry));
    // Another delivery of this event is being handled right now: 409, so PASSID delivers it again.
    if (once.duplicate && once.inProgress) return c.json({ error: { code: 'CONFLICT', message: 'This event is being handled.' } }, 409);
    if (once.duplicate) push({ ...entry, duplicate: true, data: undefined });
    return c.json({ received: true, duplicate: once.duplicate });
  });

  app.all('/sandbox/*', async (c) => {
    const url = new URL(c.req.url);
    const path = url.pathname.slice('/sandbox'.length);
    if (!PASS_THROUGH.some((re) => re.test(path))) {
      return c.json({ error: { code: 'NOT_FOUND', message: 'not forwarded by the playground' } }, 404);
    }
    const headers = new Headers();
    for (const name of ['content-type', 'authorization']) {
      const value = c.req.header(name);
      if (value) headers.set(name, value);
    }
    const init = /** @type {RequestInit} */ ({ method: c.req.method, headers });
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const body = await readBodyWithLimit(c.req.raw, MAX_BODY_BYTES);
      if (body === null) return tooLarge(c);
      init.body = body;
    }
    try {
      const res = await fetch(`${sandboxUrl}${path}${url.search}`, init);
      const out = new Headers();
      const type = res.headers.get('content-type');
      if (type) out.set('content-type', type);
      return new Response(await res.arrayBuffer(), { status: res.status, headers: out });
    } catch {
      return c.json({ error: { code: 'SANDBOX_UNREACHABLE', message: `the sandbox at ${sandboxUrl} does not answer` } }, 502);
    }
  });

  app.get('*', async (c) => {
    const url = new URL(c.req.url);
    const file = await staticFile(distDir, decodeURIComponent(url.pathname));
    if (file) return file;
    if (extname(url.pathname)) return c.text('Not found', 404);
    // Client-side routes (`/`, `/wallet`) all get the page.
    const index = await staticFile(distDir, '/index.html');
    return index ?? c.text(`The playground is not built: run \`pnpm --filter @passid/playground build\` (looked in ${distDir}).`, 503);
  });

  /** @param {PlaygroundEvent} entry */
  function push(entry) {
    entry.seq = ++seq;
    events.push(entry);
    if (events.length > MAX_EVENTS) events.splice(0, events.length - MAX_EVENTS);
  }

  /** @param {PlaygroundEvent} entry */
  function pushRejected(entry) {
    entry.seq = ++seq;
    rejected.push(entry);
    if (rejected.length > MAX_REJECTED) rejected.splice(0, rejected.length - MAX_REJECTED);
  }

  /**
   * @param {Uint8Array} raw
   * @param {string} signature
   * @returns {{ ok: true, event: { id: string, type: string, data: unknown } } | { ok: false, problem: string }}
   */
  function checkSignature(raw, signature) {
    if (secrets.length === 0) return { ok: false, problem: 'no webhook secret yet (not registered)' };
    let problem = 'signature mismatch';
    for (const secret of secrets) {
      const result = callVerify(raw, signature, secret);
      if (result.ok) return result;
      problem = result.problem;
    }
    return { ok: false, problem };
  }

  function webhookStatus() {
    return { registered: webhook.registered, url: webhook.url, deliversTo: webhook.deliversTo, error: webhook.error };
  }

  /**
   * Asks the sandbox where it delivers this institution's webhooks (one in flight at a time).
   * Someone else's URL: shown, never overwritten. No endpoint at all (a fresh sandbox DB):
   * registered again, since that takes nothing from anyone.
   */
  function checkEndpoint() {
    if (!webhook.url) return Promise.resolve(); // not registered yet: registerUntilDone is on it
    checking ??= (async () => {
      try {
        const res = await fetch(`${sandboxUrl}/api/sandbox/webhook-endpoint`, {
          headers: { 'x-institution-key': PLAYGROUND_API_KEY },
          signal: AbortSignal.timeout(2000),
        });
        if (res.status === 404) {
          await register();
          return;
        }
        if (!res.ok) throw new Error(`sandbox answered ${res.status}`);
        const body = /** @type {{ url?: unknown }} */ (await res.json());
        if (typeof body.url !== 'string') throw new Error('sandbox gave no url');
        const mine = body.url === webhook.url;
        if (webhook.registered && !mine) log(`[playground] webhooks now go to ${body.url}, not to this playground (the page offers Re-register)`);
        webhook.deliversTo = body.url;
        webhook.registered = mine;
        webhook.error = null;
      } catch (error) {
        webhook.error = error instanceof Error ? error.message : String(error);
      } finally {
        lastCheck = Date.now();
        checking = null;
      }
    })();
    return checking;
  }

  async function register() {
    webhook.attempts += 1;
    const url = `http://127.0.0.1:${port}/webhooks/passid`;
    try {
      const res = await fetch(`${sandboxUrl}/api/sandbox/webhook-endpoint`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-institution-key': PLAYGROUND_API_KEY },
        body: JSON.stringify({ url }),
        signal: AbortSignal.timeout(5000),
      });
      if (!res.ok) throw new Error(`sandbox answered ${res.status}`);
      const body = /** @type {{ url?: unknown, secret?: unknown }} */ (await res.json());
      if (typeof body.secret !== 'string') throw new Error('sandbox gave no secret');
      if (secrets[0] !== body.secret) secrets.unshift(body.secret);
      secrets.length = Math.min(secrets.length, 5);
      const first = !webhook.registered;
      webhook.registered = true;
      webhook.url = url;
      webhook.deliversTo = url;
      webhook.error = null;
      lastCheck = Date.now();
      if (first) log(`[playground] webhook receiver registered with the sandbox: ${url}`);
      return true;
    } catch (error) {
      webhook.error = error instanceof Error ? error.message : String(error);
      return false;
    }
  }

  async function registerUntilDone() {
    if (closed) return;
    const ok = await register();
    if (!ok && !closed) {
      retryTimer = setTimeout(registerUntilDone, retryMs);
      retryTimer.unref?.();
    }
  }

  const server = await new Promise((resolveServer, reject) => {
    const s = serve({ fetch: app.fetch, port, hostname: options.host ?? '0.0.0.0' }, (info) => {
      port = info.port;
      resolveServer(s);
    });
    s.once('error', reject);
  });
  void registerUntilDone();

  return {
    /** `http://localhost:<port>` */
    url: `http://localhost:${port}`,
    port,
    /** Events received so far (for tests). */
    events,
    webhook,
    /** Registers the webhook receiver again (after a sandbox reset, or to take the endpoint back). */
    register,
    /** Asks the sandbox now where it delivers webhooks (updates `webhook`). */
    checkEndpoint,
    /** Stops the server and the registration retries. */
    close() {
      closed = true;
      clearTimeout(retryTimer);
      return new Promise((done) => {
        /** @type {import('node:http').Server} */ (server).close(() => done(undefined));
        /** @type {any} */ (server).closeAllConnections?.();
      });
    },
  };
}

/**
 * @param {Uint8Array} raw
 * @param {string} signature
 * @param {string} secret
 * @returns {{ ok: true, event: { id: string, type: string, data: unknown } } | { ok: false, problem: string }}
 */
function callVerify(raw, signature, secret) {
  try {
    return { ok: true, event: verifyWebhook({ rawBody: raw, signature, secret }) };
  } catch (error) {
    const reason = /** @type {{ reason?: unknown }} */ (error).reason;
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: typeof reason === 'string' ? `${reason}: ${message}` : message };
  }
}

/**
 * Whether a browser sent `request` from this server's own page: `Sec-Fetch-Site: same-origin`,
 * or an `Origin` with this host; no browser header at all (curl, a script) also passes.
 * @param {Request} request
 */
function sameOrigin(request) {
  const site = request.headers.get('sec-fetch-site');
  if (site === 'same-origin') return true;
  if (site && site !== 'none') return false;
  const origin = request.headers.get('origin');
  if (origin === null) return true;
  try {
    return new URL(origin).host === new URL(request.url).host;
  } catch {
    return false; // `Origin: null`
  }
}

/**
 * @param {string} root
 * @param {string} pathname
 */
async function staticFile(root, pathname) {
  const path = normalize(join(root, pathname));
  if (path !== root && !path.startsWith(root + sep)) return null;
  try {
    const info = await stat(path);
    if (!info.isFile()) return null;
    const body = await readFile(path);
    const immutable = pathname.startsWith('/assets/');
    return new Response(body, {
      headers: {
        'content-type': MIME[extname(path)] ?? 'application/octet-stream',
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      },
    });
  } catch {
    return null;
  }
}

/** @param {number} port */
function lanUrls(port) {
  const urls = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const net of list ?? []) {
      if (net.family === 'IPv4' && !net.internal) urls.push(`http://${net.address}:${port}`);
    }
  }
  return urls;
}
