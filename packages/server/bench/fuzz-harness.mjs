// @ts-check
/**
 * The API fuzz (issue 11, "Reliability"): malformed and hostile requests, generated with
 * fast-check from a seed, over every endpoint of a REAL sandbox (file database) and of two
 * proxies in front of it (served by `toNodeHandler` over HTTP). One request at a time, so
 * each can be held to three rules:
 *
 *  1. no answer is a 5xx (and none hangs past 10 s);
 *  2. a refused request (4xx) stores nothing: the sandbox's database reads the same before
 *     and after it (row counts and the states that requests and tokens can take);
 *  3. the servers stay healthy: afterwards a whole QR flow works directly and through a proxy.
 *
 * Used by `pnpm bench:fuzz` (bench/fuzz.mjs: 10,000+ requests) and by the vitest suite
 * (src/fuzz.test.ts: 500, fixed seed).
 */
import { createServer, request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { startSandbox } from '@passid/sandbox';
import { createPassidProxy, toNodeHandler, trustForwardedFor } from '@passid/server';
import { createPasbyProxy } from '@passid/server/pasby';

const KEY = 'sk_sandbox_demo';
const PROXY = '/api/passid';
const PASBY_PROXY = '/api/pasby';
const PASBY = { 'x-api-key': 'bk-test_sandbox', 'x-access-secret': 'snb_sandbox' };
/** Stops a response being read forever (status streams stay open while a request is pending). */
const STREAM_READ_MS = 200;
const REQUEST_TIMEOUT_MS = 10_000;

// ------------------------------------------------------------------ generators

/** Characters a Node header value may hold (tab, printable ASCII, Latin-1). */
const headerSafe = (s) => s.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');

const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('', ' ', '\u0000', '\ud800', '💥🙈', 'é', 'A'.repeat(300), '../../etc', '%00', '%ZZ', '__proto__', 'constructor', 'null', '-1', '1e400', 'KE8V-3TXY-Z72L', 'sk_live_x', 'req_'),
);

const hostileNumber = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(-0, 1e308, -1, 0, 59, 60, 3600, 3601, Number.MAX_SAFE_INTEGER + 2));

/** Percent-encodes every byte but the unreserved ones (lone surrogates as U+FFFD). */
const percentEncode = (s) =>
  [...Buffer.from(s, 'utf8')].map((b) => (/[A-Za-z0-9._~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0').toUpperCase()}`)).join('');

/** Bodies that break the rules in the ways clients and attackers do. */
function hostileBody(pools) {
  const field = fc.oneof(hostileText, hostileNumber, fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(...pools.tokens));
  return fc.oneof(
    { weight: 2, arbitrary: fc.json({ maxDepth: 4 }).map((text) => ({ kind: 'text', text })) },
    { weight: 2, arbitrary: fc.string({ maxLength: 200 }).map((text) => ({ kind: 'text', text })) },
    {
      weight: 2,
      arbitrary: fc
        .dictionary(fc.oneof(hostileText, fc.constantFrom('token', 'outcome', 'persona', 'url', 'permissions')), field, { maxKeys: 5 })
        .map((o) => ({ kind: 'text', text: JSON.stringify(o) })),
    },
    { weight: 1, arbitrary: fc.integer({ min: 16_000, max: 1_200_000 }).map((size) => ({ kind: 'huge', size })) },
    { weight: 1, arbitrary: fc.integer({ min: 100, max: 120_000 }).map((depth) => ({ kind: 'deep', depth })) },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(
          '{"token":"\\ud800"}',
          '{"token":"KE8V-3TXY-Z72L","token":"x"}',
          '{"__proto__":{"polluted":1},"token":"KE8V-3TXY-Z72L"}',
          '{"constructor":{"prototype":{"polluted":1}},"persona":"amina"}',
          '{"token":"KE8V-3TXY-Z72L","outcome":"repaid","amount":1e400}',
          '{"ttlSeconds":1e400}',
          '{"permissions":"full_score"}',
          '[]',
          'null',
          '"string"',
          '{"token":1}',
          '\ufeff{"token":"KE8V-3TXY-Z72L"}',
          '{"token":"KE8V-3TXY-Z72L"}\u0000',
          '{',
          '',
        )
        .map((text) => ({ kind: 'text', text })),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'none' }) },
  );
}

/**
 * A body for an endpoint: valid (so requests get past the front door), valid with one field
 * made hostile or one unknown field added, cut short, or hostile from the start.
 */
function bodyFor(valid, pools) {
  const field = fc.oneof(hostileText, hostileNumber, fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 2 }));
  const key = fc.oneof(hostileText, fc.constantFrom('token', 'outcome', 'amount', 'persona', 'permissions', 'ttlSeconds', 'url'));
  const mutated = fc.tuple(valid, key, field).map(([body, k, value]) => ({ ...body, [k]: value }));
  const text = (o) => ({ kind: 'text', text: JSON.stringify(o) });
  return fc.oneof(
    { weight: 5, arbitrary: valid.map(text) },
    { weight: 3, arbitrary: mutated.map(text) },
    { weight: 1, arbitrary: valid.map((o) => ({ kind: 'text', text: JSON.stringify(o).slice(0, -1) })) },
    { weight: 3, arbitrary: hostileBody(pools) },
  );
}

function requestArbitrary(pools) {
  const segment = (arb) => arb.map(percentEncode);
  const id = segment(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pools.requestIds) }, { weight: 2, arbitrary: hostileText }));
  const handle = segment(
    fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pools.handles) }, { weight: 1, arbitrary: fc.constantFrom(...pools.requestIds) }, { weight: 2, arbitrary: hostileText }),
  );
  const token = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pools.tokens) }, { weight: 1, arbitrary: hostileText });
  const permissions = fc.subarray(['full_score', 'income_verified', 'identity_verified', 'sanctions_clear', 'payment_reliability', 'savings_consistency', 'fraud_risk'], { minLength: 1 });
  const opt = (arb) => fc.option(arb, { nil: undefined });
  const clean = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  const create = fc
    .record({ permissions: opt(permissions), ttlSeconds: opt(fc.integer({ min: 60, max: 3600 })), institutionName: opt(fc.string({ minLength: 1, maxLength: 80 })) })
    .map(clean);
  const verify = fc.record({ token });
  const outcome = fc
    .record({
      token,
      outcome: fc.constantFrom('repaid', 'no_default', 'delinquent', 'defaulted', 'fraud_confirmed', 'account_closed', 'other'),
      amount: opt(fc.double({ min: 0, max: 1e9, noNaN: true })),
      currency: opt(fc.constantFrom('GBP', 'USD', 'gbp')),
      notes: opt(fc.string({ maxLength: 50 })),
    })
    .map(clean);
  const none = fc.constant({});
  const share = fc.record({ permissions: opt(permissions), institutionId: opt(fc.constantFrom('inst_demo', 'inst_other', 'inst_nope')) }).map(clean);
  const webhookUrl = fc.record({ url: fc.constantFrom('http://127.0.0.1:9/hook', 'https://127.0.0.1:9/x', 'ftp://127.0.0.1/x', 'javascript:alert(1)', 'not a url') });
  const pasbyClaims = fc.subarray(['naming.family', 'naming.given', 'naming.middle', 'contact.email', 'bio.birthnumber', 'bio.birthdate', 'bio.gender', 'nationality.residence', 'nationality.primary'], { minLength: 1 });
  const nin = fc.oneof(fc.constantFrom('12345678901', '23456789012', '45678901234', '99999999999'), hostileText);
  const pasbyIdentification = fc
    .record({ action: fc.constantFrom('login', 'signup', 'link', 'pay'), claims: pasbyClaims, payload: fc.string({ minLength: 1, maxLength: 60 }), seeds: opt(fc.integer({ min: 0, max: 12 })), user: opt(nin) })
    .map(clean);
  const pasbyFlowRaw = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pools.pasbyFlows) }, { weight: 1, arbitrary: hostileText });
  const pasbyFlowId = segment(pasbyFlowRaw);
  const pasbyFlow = fc.record({ request: pasbyFlowRaw });
  const pasbyWallet = fc
    .record({ persona: fc.constantFrom('amina', 'chidi', 'zed', 'nobody'), request: opt(pasbyFlowRaw), seed: opt(fc.oneof(fc.constantFrom(...pools.pasbySeeds), hostileText)) })
    .map(clean);
  const pasbySession = fc.record({ mode: fc.constantFrom('wildcard', 'same-device', 'different-device', 'qr'), nin: opt(nin) }).map(clean);
  const pasbyHandle = segment(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pools.pasbyHandles) }, { weight: 2, arbitrary: hostileText }));
  /** [weight, method, target, path, valid body] */
  const endpoints = [
    [4, 'POST', 'sandbox', fc.constant('/api/bridge/request'), create],
    [4, 'GET', 'sandbox', id.map((s) => `/api/bridge/request/${s}`), none],
    [2, 'GET', 'sandbox', id.map((s) => `/api/bridge/request/${s}/events`), none],
    [4, 'POST', 'sandbox', fc.constant('/api/bridge/verify'), verify],
    [3, 'POST', 'sandbox', fc.constant('/api/bridge/outcome'), outcome],
    [1, 'GET', 'sandbox', fc.constant('/api/bridge/cohorts'), none],
    [2, 'GET', 'sandbox', id.map((s) => `/api/bridge/request/${s}/public`), none],
    [2, 'GET', 'sandbox', segment(fc.oneof(fc.constantFrom(...pools.codes), hostileText)).map((s) => `/api/bridge/request/by-code/${s}`), none],
    [2, 'POST', 'sandbox', id.map((s) => `/api/bridge/request/${s}/fulfill`), none],
    [2, 'POST', 'sandbox', id.map((s) => `/api/bridge/request/${s}/decline`), fc.record({ reason: opt(fc.string({ maxLength: 250 })) }).map(clean)],
    [2, 'POST', 'sandbox', fc.constant('/api/sandbox/wallet/login'), fc.record({ persona: fc.constantFrom('amina', 'chidi', 'kwame', 'zed', 'nobody') })],
    [2, 'POST', 'sandbox', fc.constant('/api/sandbox/wallet/share'), share],
    [1, 'POST', 'sandbox', fc.constant('/api/sandbox/wallet/revoke'), fc.record({ token })],
    [1, 'GET', 'sandbox', fc.constant('/api/sandbox/personas'), none],
    [1, 'PUT', 'sandbox', fc.constant('/api/sandbox/webhook-endpoint'), webhookUrl],
    [1, 'GET', 'sandbox', fc.constantFrom('/api/sandbox/webhook-endpoint', '/api/sandbox/webhook-deliveries', '/healthz'), none],
    [1, 'POST', 'sandbox', fc.constant('/api/sandbox/webhooks/test'), none],
    [1, 'POST', 'sandbox', id.map((s) => `/api/sandbox/request/${s}/expire`), none],
    [1, 'GET', 'sandbox', fc.constantFrom('/api/bridge/request/%ZZ', '/api/bridge//request', '/api/bridge/request/../cohorts', '/nope', '/api/bridge/request/a/b/c/d'), none],
    [3, 'POST', 'proxy', fc.constant(`${PROXY}/request`), create],
    [4, 'GET', 'proxy', handle.map((s) => `${PROXY}/request/${s}`), none],
    [2, 'GET', 'proxy', handle.map((s) => `${PROXY}/request/${s}/events`), none],
    [3, 'POST', 'proxy', fc.constant(`${PROXY}/verify`), verify],
    [1, 'GET', 'proxy', fc.constantFrom(`${PROXY}/request/%ZZ`, `${PROXY}/cohorts`, `${PROXY}`, `${PROXY}/request/a/b/c`, `${PROXY}//request`), none],
    // pasby, emulated by the sandbox under /pasby, and its proxy
    [2, 'POST', 'sandbox', fc.constantFrom('/pasby/api/v2/identification/same-device', '/pasby/api/v2/identification/wildcard', '/pasby/api/v2/identification/different-device'), pasbyIdentification],
    [2, 'POST', 'sandbox', fc.constantFrom('/pasby/api/v2/flow/ping', '/pasby/api/v2/flow/cancel', '/pasby/api/v1/flow/ping', '/pasby/api/v1/flow/cancel', '/pasby/api/v2/flow/polling', '/pasby/api/v1/flow/polling'), pasbyFlow],
    [1, 'GET', 'sandbox', pasbyFlowId.map((s) => `/pasby/api/v2/flow/sse?request=${s}`), none],
    [1, 'GET', 'sandbox', fc.constantFrom('/pasby/api/v1/flow/authorize?sub=bcn_sandbox&app=app_sandbox', '/pasby/api/v1/flow/authorize', '/pasby/api/health/check', '/pasby/sandbox/personas', '/pasby/sandbox/communication-keys', '/pasby/sandbox/wallet/flows?persona=chidi', '/pasby/sandbox/wallet/flows', '/pasby/nope'), none],
    [2, 'POST', 'sandbox', fc.constantFrom('/pasby/sandbox/wallet/scan', '/pasby/sandbox/wallet/open', '/pasby/sandbox/wallet/approve', '/pasby/sandbox/wallet/decline'), pasbyWallet],
    [3, 'POST', 'pasbyProxy', fc.constant(`${PASBY_PROXY}/session`), pasbySession],
    [3, 'GET', 'pasbyProxy', pasbyHandle.map((s) => `${PASBY_PROXY}/session/${s}`), none],
    [1, 'GET', 'pasbyProxy', pasbyHandle.map((s) => `${PASBY_PROXY}/session/${s}/events`), none],
    [1, 'POST', 'pasbyProxy', pasbyHandle.map((s) => `${PASBY_PROXY}/session/${s}/cancel`), none],
  ].map(([weight, method, target, path, valid]) => ({
    weight,
    arbitrary: fc.record({
      method: fc.oneof({ weight: 8, arbitrary: fc.constant(method) }, { weight: 2, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND') }),
      target: target === 'proxy' ? fc.constantFrom('proxy', 'guardedProxy') : fc.constant(target),
      path,
      body: bodyFor(valid, pools),
    }),
  }));
  /** Present `freq - 1` times in `freq`. */
  const often = (arb, freq) => fc.option(arb, { nil: undefined, freq });
  /** Present once in `freq`. */
  const rarely = (arb, freq) => fc.oneof({ weight: freq - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
  const headers = fc.record({
    key: often(fc.oneof({ weight: 8, arbitrary: fc.constant(KEY) }, { weight: 1, arbitrary: fc.constantFrom('sk_sandbox_other', 'sk_live_abc', '', 'sk_sandbox_demo ') }, { weight: 1, arbitrary: hostileText }), 10),
    contentType: often(fc.oneof({ weight: 8, arbitrary: fc.constant('application/json') }, { weight: 2, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', '') }), 10),
    idempotencyKey: rarely(fc.oneof(fc.uuid(), fc.constantFrom('order-7', '', 'x'.repeat(256)), hostileText), 3),
    authorization: often(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...pools.jwts).map((j) => `Bearer ${j}`) }, { weight: 1, arbitrary: fc.constantFrom('Bearer ', 'Bearer x.y.z', 'Basic abc') }, { weight: 1, arbitrary: hostileText }), 4),
    origin: rarely(fc.constantFrom('https://evil.example', 'null', 'http://127.0.0.1', 'https://bank.test'), 8),
    secFetchSite: rarely(fc.constantFrom('cross-site', 'same-site', 'same-origin', 'none', 'bogus'), 8),
    lastEventId: rarely(fc.oneof(fc.constantFrom('1', '2', '0', '99', '-1'), hostileText), 3),
    cookie: often(fc.oneof({ weight: 6, arbitrary: fc.constant('session=ok') }, { weight: 1, arbitrary: fc.constant('session=') }, { weight: 1, arbitrary: hostileText }), 8),
    forwardedFor: often(fc.oneof(fc.ipV4(), fc.ipV6(), fc.constantFrom('1.2.3.4, 5.6.7.8', '', 'unknown', '::ffff:10.0.0.1', '[::1]'), hostileText), 8),
    accept: rarely(fc.constantFrom('text/event-stream', 'application/json', '*/*', ''), 3),
    pasbyKey: often(fc.oneof({ weight: 8, arbitrary: fc.constant('bk-test_sandbox') }, { weight: 1, arbitrary: fc.constantFrom('bk-test_other', 'bk-live_x', '') }, { weight: 1, arbitrary: hostileText }), 8),
    pasbySecret: often(fc.oneof({ weight: 8, arbitrary: fc.constant('snb_sandbox') }, { weight: 1, arbitrary: fc.constantFrom('snb_other', '') }, { weight: 1, arbitrary: hostileText }), 6),
    pasbyToken: rarely(fc.oneof(fc.constantFrom(...pools.pasbyTokens), hostileText), 3),
    extra: rarely(hostileText, 8),
  });
  return fc.record({
    endpoint: fc.oneof(...endpoints),
    query: rarely(fc.oneof(fc.constant('?a=1&a=2'), segment(hostileText).map((s) => `?q=${s}`)), 6).map((q) => q ?? ''),
    headers,
    chunked: fc.boolean(),
  });
}

/** Makes the generated recipe concrete: the bytes, the headers, the path. */
function materialise(spec, ports) {
  const { target, method, path: base, body: recipe } = spec.endpoint;
  const port = ports[target];
  const path = base + spec.query;
  /** @type {Record<string, string>} */
  const headers = {};
  const h = spec.headers;
  if (h.key !== undefined) headers['x-institution-key'] = headerSafe(h.key);
  if (h.contentType !== undefined) headers['content-type'] = h.contentType;
  if (h.idempotencyKey !== undefined) headers['idempotency-key'] = headerSafe(h.idempotencyKey);
  if (h.authorization !== undefined) headers.authorization = headerSafe(h.authorization);
  if (h.origin !== undefined) headers.origin = h.origin;
  if (h.secFetchSite !== undefined) headers['sec-fetch-site'] = h.secFetchSite;
  if (h.lastEventId !== undefined) headers['last-event-id'] = headerSafe(h.lastEventId);
  if (h.cookie !== undefined) headers.cookie = headerSafe(h.cookie);
  if (h.accept !== undefined) headers.accept = h.accept;
  if (h.extra !== undefined) headers['x-fuzz'] = headerSafe(h.extra);
  if (h.forwardedFor !== undefined) headers['x-forwarded-for'] = headerSafe(h.forwardedFor);
  if (h.pasbyKey !== undefined) headers['x-api-key'] = headerSafe(h.pasbyKey);
  if (h.pasbySecret !== undefined) headers['x-access-secret'] = headerSafe(h.pasbySecret);
  if (h.pasbyToken !== undefined) headers['x-access-token'] = headerSafe(h.pasbyToken);
  let body;
  if (recipe.kind === 'text') body = Buffer.from(recipe.text, 'utf8');
  else if (recipe.kind === 'huge') body = Buffer.from(`{"token":"${'x'.repeat(recipe.size)}"}`);
  else if (recipe.kind === 'deep') body = Buffer.from(`${'['.repeat(recipe.depth)}${']'.repeat(recipe.depth)}`);
  if (method === 'GET' || method === 'HEAD') body = undefined;
  return { port, target, method, path, headers, body, chunked: spec.chunked };
}

// ------------------------------------------------------------------ HTTP

/** Sends one request; resolves with its status (streams are read briefly, then closed). */
function send({ port, method, path, headers, body, chunked }) {
  return new Promise((resolve) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers: { ...headers, ...(body && !chunked ? { 'content-length': String(body.length) } : {}) } });
    const timer = setTimeout(() => {
      req.destroy();
      resolve({ status: 0, error: 'timeout' });
    }, REQUEST_TIMEOUT_MS);
    const done = (result) => {
      clearTimeout(timer);
      resolve(result);
    };
    let answered = 0;
    // A server may answer before reading a big body and then close the connection while the
    // client is still sending it (the sandbox drains an unread body for 500 ms at most): the
    // answer counts, the cut connection is not a hang.
    req.on('error', (error) => done(answered ? { status: answered, text: '', cut: true } : { status: 0, error: error.message }));
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      answered = status;
      if ((res.headers['content-type'] ?? '').startsWith('text/event-stream')) {
        const stop = setTimeout(() => {
          req.destroy();
          done({ status, stream: true });
        }, STREAM_READ_MS);
        res.on('data', () => undefined);
        res.on('end', () => {
          clearTimeout(stop);
          done({ status, stream: true });
        });
        res.on('error', () => undefined);
        return;
      }
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => done({ status, text: Buffer.concat(chunks).toString('utf8').slice(0, 300), replayed: res.headers['idempotent-replayed'] === 'true' }));
      res.on('error', () => done({ status, text: '', cut: true }));
    });
    if (body && chunked) {
      // Two pieces, so the server sees a streamed (chunked) body.
      const half = Math.floor(body.length / 2);
      req.write(body.subarray(0, half));
      req.end(body.subarray(half));
    } else {
      req.end(body);
    }
  });
}

async function json(port, method, path, body, headers = {}) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => undefined) };
}

// ------------------------------------------------------------------ the run

const COUNTS = `SELECT
  (SELECT count(*) FROM requests) AS requests,
  (SELECT count(*) FROM requests WHERE status = 'completed') AS completed,
  (SELECT count(*) FROM requests WHERE status = 'declined') AS declined,
  (SELECT count(*) FROM tokens) AS tokens,
  (SELECT count(*) FROM tokens WHERE used_at IS NOT NULL) AS used,
  (SELECT count(*) FROM tokens WHERE revoked_at IS NOT NULL) AS revoked,
  (SELECT count(*) FROM verifications) AS verifications,
  (SELECT count(*) FROM outcomes) AS outcomes,
  (SELECT count(*) FROM idempotency) AS idempotency,
  (SELECT group_concat(url, ' ') FROM webhook_endpoints) AS endpoints,
  (SELECT count(*) FROM webhook_events) AS events,
  (SELECT count(*) FROM webhook_deliveries) AS deliveries,
  (SELECT count(*) FROM pasby_flows) AS pasbyFlows,
  (SELECT count(*) FROM pasby_flows WHERE cancelled = 1) AS pasbyCancelled,
  (SELECT count(*) FROM pasby_flows WHERE signed_at IS NOT NULL) AS pasbySigned,
  (SELECT count(*) FROM pasby_flows WHERE holder IS NOT NULL) AS pasbyHeld,
  (SELECT count(*) FROM pasby_flows WHERE onsession = 1) AS pasbyOnSession,
  (SELECT count(*) FROM pasby_seeds) AS pasbySeeds`;

/**
 * Runs `count` generated requests from `seed`. Resolves with the figures; never throws for a
 * finding (the caller asserts on `fiveXX`, `hangs`, `stored` and `healthy`).
 * @param {{ seed: number, count: number, onProgress?: (done: number) => void }} options
 */
export async function runFuzz({ seed, count, onProgress }) {
  const dir = mkdtempSync(join(tmpdir(), 'passid-fuzz-'));
  const dbPath = join(dir, 'sandbox.db');
  const sandbox = await startSandbox({
    port: 0,
    dbPath,
    rateLimit: '0',
    retryScale: 1000,
    webhookTimeoutMs: 1000,
    heartbeatMs: 50,
    pasby: { longPollMs: 100, sseIntervalMs: 50 },
  });
  // Default limits, the client address read from X-Forwarded-For (hostile values included), so
  // the fuzz spreads over many "clients" instead of hitting one per-IP limit.
  const proxy = createPassidProxy({
    apiKey: KEY,
    baseUrl: sandbox.url,
    prefix: PROXY,
    allowedOrigins: ['https://bank.test'],
    rateLimit: { clientIp: trustForwardedFor(1) },
  });
  const guarded = createPassidProxy({
    apiKey: KEY,
    baseUrl: sandbox.url,
    prefix: PROXY,
    permissions: ['identity_verified', 'sanctions_clear'],
    ttlSeconds: 300,
    rateLimit: false,
    authorize: (request) => request.headers.get('cookie') === 'session=ok',
  });
  const keys = await (await fetch(`${sandbox.url}/pasby/sandbox/communication-keys`, { headers: PASBY })).json();
  const pasbyProxy = createPasbyProxy({
    apiKey: PASBY['x-api-key'],
    secret: PASBY['x-access-secret'],
    privateKey: keys.data.privateKey,
    baseUrl: `${sandbox.url}/pasby`,
    prefix: PASBY_PROXY,
    modes: ['wildcard', 'same-device', 'different-device'],
    claims: ['naming.given', 'naming.family'],
  });
  const servers = [createServer(toNodeHandler(proxy)), createServer(toNodeHandler(guarded)), createServer(toNodeHandler(pasbyProxy))];
  await Promise.all(servers.map((s) => new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(undefined)))));
  const portOf = (server) => /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  const ports = { sandbox: sandbox.port, proxy: portOf(servers[0]), guardedProxy: portOf(servers[1]), pasbyProxy: portOf(servers[2]) };
  const db = new Database(dbPath, { readonly: true });
  const counts = db.prepare(COUNTS);
  const snapshot = () => JSON.stringify(counts.get());

  // Real things for the generators to use: ids, handles, codes, tokens, wallet JWTs.
  const pools = {
    requestIds: [],
    handles: [],
    codes: [],
    tokens: ['KE8V-3TXY-Z72L', 'SANC-HITS-0001', 'EXPD-TOKN-0001'],
    jwts: [],
    pasbyFlows: [],
    pasbySeeds: [],
    pasbyHandles: [],
    pasbyTokens: [],
  };
  for (const persona of ['amina', 'zed']) pools.jwts.push((await json(ports.sandbox, 'POST', '/api/sandbox/wallet/login', { persona })).body.jwt);
  for (let i = 0; i < 4; i += 1) {
    const created = (await json(ports.sandbox, 'POST', '/api/bridge/request', {}, { 'x-institution-key': KEY })).body;
    pools.requestIds.push(created.requestId);
    pools.codes.push(created.code);
    const viaProxy = (await json(ports.proxy, 'POST', `${PROXY}/request`, {})).body;
    pools.handles.push(viaProxy.requestId);
    pools.requestIds.push(viaProxy.requestId.split('.')[0]);
  }
  await json(ports.sandbox, 'POST', `/api/bridge/request/${pools.requestIds[0]}/fulfill`, {}, { authorization: `Bearer ${pools.jwts[0]}` });
  pools.tokens.push((await json(ports.sandbox, 'POST', '/api/sandbox/wallet/share', {}, { authorization: `Bearer ${pools.jwts[0]}` })).body.token);
  const identification = { action: 'login', claims: ['naming.given'], payload: 'Sign in' };
  for (let i = 0; i < 3; i += 1) {
    const wildcard = (await json(ports.sandbox, 'POST', '/pasby/api/v2/identification/wildcard', { ...identification, seeds: 2 }, PASBY)).body.data;
    pools.pasbyFlows.push(wildcard.request.id);
    pools.pasbySeeds.push(...wildcard.seeds);
    const session = (await json(ports.pasbyProxy, 'POST', `${PASBY_PROXY}/session`, { mode: 'wildcard' })).body;
    pools.pasbyHandles.push(session.handle);
  }
  const authorized = await json(ports.sandbox, 'GET', '/pasby/api/v1/flow/authorize?sub=bcn_sandbox&app=app_sandbox', undefined, PASBY);
  pools.pasbyTokens.push(authorized.body?.data?.token ?? 'none');

  const specs = fc.sample(requestArbitrary(pools), { seed, numRuns: count });
  const byStatus = new Map();
  const fiveXX = [];
  const hangs = [];
  const stored = [];
  const slow = [];
  const previous = new Map();
  const started = performance.now();
  let done = 0;
  for (const spec of specs) {
    const request = materialise(spec, ports);
    const before = snapshot();
    const sentAt = performance.now();
    const result = await send(request);
    const tookMs = performance.now() - sentAt;
    const after = snapshot();
    byStatus.set(result.status, (byStatus.get(result.status) ?? 0) + 1);
    const what = `${request.method} :${request.target} ${request.path.slice(0, 120)}`;
    if (result.status >= 500) fiveXX.push(`${result.status} ${what} ${result.text ?? ''}`);
    if (result.status === 0) hangs.push(`${result.error} ${what} ${request.body?.length ?? 0}B${request.chunked ? ' chunked' : ''} AFTER ${previous.get(request.port)}`);
    const described = `${result.status} ${what} ${request.body?.length ?? 0}B${request.chunked ? ' chunked' : ''}`;
    if (tookMs > 1000) slow.push(`${Math.round(tookMs)} ms ${described} AFTER ${previous.get(request.port)}`);
    previous.set(request.port, described);
    if (result.status >= 400 && result.status < 500 && before !== after) stored.push(`${result.status} ${what}: ${before} → ${after}`);
    done += 1;
    if (onProgress && done % 1000 === 0) onProgress(done);
  }
  const durationMs = performance.now() - started;

  // Still healthy: a whole QR flow, directly and through the proxy.
  let healthy = false;
  try {
    const health = await json(ports.sandbox, 'GET', '/healthz');
    const direct = (await json(ports.sandbox, 'POST', '/api/bridge/request', {}, { 'x-institution-key': KEY })).body;
    const proxied = (await json(ports.guardedProxy, 'POST', `${PROXY}/request`, {}, { cookie: 'session=ok' })).body;
    const jwt = (await json(ports.sandbox, 'POST', '/api/sandbox/wallet/login', { persona: 'chidi' })).body.jwt;
    const rawId = new URL(proxied.deepLink.replace('passid://', 'http://')).searchParams.get('r');
    const fulfilled = await json(ports.sandbox, 'POST', `/api/bridge/request/${rawId}/fulfill`, {}, { authorization: `Bearer ${jwt}` });
    const status = await json(ports.guardedProxy, 'GET', `${PROXY}/request/${encodeURIComponent(proxied.requestId)}`, undefined, { cookie: 'session=ok' });
    const read = await json(ports.sandbox, 'GET', `/api/bridge/request/${direct.requestId}`, undefined, { 'x-institution-key': KEY });
    healthy = health.status === 200 && fulfilled.status === 200 && status.body?.status === 'completed' && read.body?.status === 'pending';
  } catch {
    healthy = false;
  }

  db.close();
  await Promise.all(servers.map((s) => new Promise((resolve) => {
    s.closeAllConnections();
    s.close(() => resolve(undefined));
  })));
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
  return { seed, count: specs.length, durationMs, byStatus: Object.fromEntries([...byStatus].sort((a, b) => a[0] - b[0])), fiveXX, hangs, stored, slow, healthy };
}
