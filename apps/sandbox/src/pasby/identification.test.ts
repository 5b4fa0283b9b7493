/** pasby emulation over HTTP: identification in its three modes, authentication, the envelope and its failures. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identification, KEY, NIN, SECRET, startPasby, V2, type PasbyClient } from '../test/pasby.js';

let p: PasbyClient;
beforeAll(async () => {
  p = await startPasby();
});
afterAll(() => p.sandbox.close());

const post = (path: string, body: unknown, headers: Record<string, string> = V2) => p.call('POST', path, { headers, body });
const SAME = '/api/v2/identification/same-device';
const WILD = '/api/v2/identification/wildcard';
const DIFF = '/api/v2/identification/different-device';

/** The identification model, field by field (pasby.md). */
function expectModel(model: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  expect(model).toEqual({
    id: expect.stringMatching(/^req_\d{10}-[A-Za-z]{4}$/),
    consumer: 'bcn_sandbox',
    app: 'app_sandbox',
    name: 'Sandbox Bank',
    mode: 'identification',
    action: 'login',
    user: '',
    acquireClaims: ['naming.given', 'naming.family'],
    signature: expect.stringMatching(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/),
    iat: expect.any(Number),
    exp: expect.any(Number),
    ip: '127.0.0.1',
    useragent: expect.any(String),
    payload: 'Sign in to Sandbox Bank',
    ...extra,
  });
  expect(model.exp).toBe((model.iat as number) + 360);
  expect(String(model.id)).toBe(`req_${model.iat}-${String(model.id).slice(-4)}`);
}

describe('same-device', () => {
  it('answers 201 with the link to open and the identification model', async () => {
    const r = await post(SAME, identification);
    expect(r.status).toBe(201);
    expect(r.json.status).toBe('successful');
    expect(r.json.reason).toBe('Identification request created');
    expectModel(r.json.data.request);
    expect(r.json.data.link).toBe(`https://open.pasby.africa/app/?mode=identification&id=${r.json.data.request.id}&source=mobile`);
    expect(r.headers.get('content-type')).toMatch(/application\/json/);
  });
});

describe('wildcard', () => {
  it('answers the requested number of unique, well-formed seeds', async () => {
    for (const seeds of [1, 4, 10]) {
      const r = await post(WILD, { ...identification, seeds });
      expect(r.status).toBe(201);
      expectModel(r.json.data.request);
      const list = r.json.data.seeds as string[];
      expect(list).toHaveLength(seeds);
      expect(new Set(list).size).toBe(seeds);
      for (const seed of list) expect(seed).toMatch(/^pasby:\/\/[0-9a-f]{38}-vi\([0-9a-f]{32}\)$/);
    }
  });

  it('needs the key only; a secret, when sent, must be right', async () => {
    expect((await post(WILD, { ...identification, seeds: 1 }, { 'x-api-key': KEY })).status).toBe(201);
    const wrong = await post(WILD, { ...identification, seeds: 1 }, { 'x-api-key': KEY, 'x-access-secret': 'snb_wrong' });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({ status: 'failed', reason: 'Invalid x-access-secret.' });
  });

  it('refuses 0, 11, 2.5 and a missing seeds count', async () => {
    for (const seeds of [0, 11, 2.5, undefined, '3']) {
      const r = await post(WILD, { ...identification, seeds });
      expect(r.status, String(seeds)).toBe(400);
      expect(r.json.status).toBe('failed');
      expect(r.json.reason).toMatch(/^seeds: /);
    }
  });

  it('makes seeds that no two flows share (crypto random, 280 bits)', async () => {
    const all = new Set<string>();
    for (let i = 0; i < 20; i++) for (const s of (await post(WILD, { ...identification, seeds: 10 })).json.data.seeds) all.add(s);
    expect(all.size).toBe(200);
  });
});

describe('different-device', () => {
  it('creates a flow for a persona’s NIN, with the NIN as user', async () => {
    const r = await post(DIFF, { ...identification, user: NIN.chidi });
    expect(r.status).toBe(201);
    expectModel(r.json.data.request, { user: NIN.chidi });
    expect(r.json.data.link).toBeUndefined();
  });

  it('answers 404 "National does not have a pasby™ digital ID" for any other 11-digit NIN', async () => {
    const r = await post(DIFF, { ...identification, user: '99999999999' });
    expect(r.status).toBe(404);
    expect(r.json).toEqual({ status: 'failed', reason: 'National does not have a pasby™ digital ID' });
  });

  it('answers 400 for a NIN that is not 11 digits', async () => {
    for (const user of ['1234567890', '123456789012', '1234567890a', '', 12345678901]) {
      const r = await post(DIFF, { ...identification, user });
      expect(r.status, String(user)).toBe(400);
      expect(r.json.reason).toMatch(/^user: /);
    }
  });
});

describe('validation (every mode)', () => {
  it.each([
    ['an unknown action', { ...identification, action: 'sign' }, /^action: must be one of login, signup, link$/],
    ['an unknown claim', { ...identification, claims: ['naming.given', 'bio.shoesize'] }, /^claims\.1: must be one of /],
    ['no claims', { ...identification, claims: [] }, /^claims: ask for at least one claim$/],
    ['a repeated claim', { ...identification, claims: ['naming.given', 'naming.given'] }, /^claims: must not repeat a claim$/],
    ['no payload', { action: 'login', claims: ['naming.given'] }, /^payload: /],
    ['a payload over 200 characters', { ...identification, payload: 'x'.repeat(201) }, /^payload: must be at most 200 characters$/],
  ])('refuses %s with 400', async (_what, body, reason) => {
    const r = await post(SAME, body);
    expect(r.status).toBe(400);
    expect(r.json.status).toBe('failed');
    expect(r.json.reason).toMatch(reason);
  });

  it('takes every action and a 200-character payload', async () => {
    for (const action of ['login', 'signup', 'link']) expect((await post(SAME, { ...identification, action })).status).toBe(201);
    expect((await post(SAME, { ...identification, payload: 'x'.repeat(200) })).status).toBe(201);
  });

  it('refuses a body that is not JSON, or not an object', async () => {
    const bad = await p.call('POST', SAME, { headers: { ...V2, 'content-type': 'application/json' }, raw: '{"action":' });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ status: 'failed', reason: 'The request body is not valid JSON.' });
    expect((await post(SAME, [1, 2])).json.reason).toBe('The request body must be a JSON object.');
  });

  it('refuses a body over 16 KiB with 413, in pasby’s envelope', async () => {
    const r = await p.call('POST', SAME, { headers: { ...V2, 'content-type': 'application/json' }, raw: `{"payload":"${'x'.repeat(17_000)}"}` });
    expect(r.status).toBe(413);
    expect(r.json).toEqual({ status: 'failed', reason: expect.stringMatching(/larger than 16384 bytes/) });
  });
});

describe('authentication', () => {
  it.each([
    ['no key', { 'x-access-secret': SECRET }, 'Missing x-api-key header. The sandbox key is bk-test_sandbox.'],
    ['an unknown key', { 'x-api-key': 'bk-test_nope', 'x-access-secret': SECRET }, 'Invalid x-api-key.'],
    ['a live key', { 'x-api-key': 'bk-live_123', 'x-access-secret': SECRET }, expect.stringMatching(/bk-test_ keys only/)],
    ['no secret', { 'x-api-key': KEY }, 'Missing x-access-secret header.'],
    ['a wrong secret', { 'x-api-key': KEY, 'x-access-secret': 'snb_nope' }, 'Invalid x-access-secret.'],
    ['another app’s secret', { 'x-api-key': KEY, 'x-access-secret': 'snb_other' }, 'Invalid x-access-secret.'],
  ])('answers 401 to %s', async (_what, headers, reason) => {
    for (const path of [SAME, DIFF]) {
      const r = await post(path, { ...identification, user: NIN.amina }, headers);
      expect(r.status).toBe(401);
      expect(r.json).toEqual({ status: 'failed', reason });
    }
  });

  it('checks credentials before the body', async () => {
    expect((await post(SAME, { nonsense: true }, { 'x-api-key': KEY })).status).toBe(401);
  });

  it('answers an unknown path with 404 in pasby’s envelope', async () => {
    const r = await p.call('GET', '/api/v2/identification/same-device', { headers: V2 });
    expect(r.status).toBe(404);
    expect(r.json).toEqual({ status: 'failed', reason: 'No pasby route for GET /pasby/api/v2/identification/same-device.' });
  });

  it('answers the health check', async () => {
    const r = await p.call('GET', '/api/health/check');
    expect(r.status).toBe(200);
    expect(r.json.status).toBe('successful');
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After past the per-app limit, and counts apps apart', async () => {
    const limited = await startPasby({ rateLimit: '3/60' });
    try {
      for (let i = 0; i < 3; i++) expect((await limited.call('POST', SAME, { headers: V2, body: identification })).status).toBe(201);
      const r = await limited.call('POST', SAME, { headers: V2, body: identification });
      expect(r.status).toBe(429);
      expect(r.json).toEqual({ status: 'failed', reason: expect.stringMatching(/^Too many requests\. Retry in \d+ s\.$/) });
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      const other = await limited.call('POST', SAME, { headers: { 'x-api-key': 'bk-test_other', 'x-access-secret': 'snb_other' }, body: identification });
      expect(other.status).toBe(201);
    } finally {
      await limited.sandbox.close();
    }
  });
});
