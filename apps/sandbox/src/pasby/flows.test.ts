/**
 * pasby emulation over HTTP: flow ping and cancel, the wallet side (scan, open, flows, approve,
 * decline), encrypted claims, expiry and the readable window (with an injected clock).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decryptAll, identification, KEY, NIN, OTHER_V2, ping, startPasby, V2, wallet, wildcard, type PasbyClient,
} from '../test/pasby.js';

let p: PasbyClient;
let now = Date.parse('2026-11-23T10:00:00Z');
beforeAll(async () => {
  p = await startPasby({ now: () => now });
});
afterAll(() => p.sandbox.close());

const keys = async () => (await p.call('GET', '/sandbox/communication-keys', { headers: V2 })).json.data as { publicKey: string; privateKey: string };
const create = async (path: string, body: Record<string, unknown>) => (await p.call('POST', `/api/v2/identification/${path}`, { headers: V2, body: { ...identification, ...body } })).json.data;

describe('ping', () => {
  it('shows a new flow, then the device holding it, then the completed flow with its claims', async () => {
    const { id, seeds } = await wildcard(p);
    const fresh = await ping(p, id);
    expect(fresh.status).toBe(200);
    expect(fresh.json).toEqual({
      status: 'successful',
      reason: 'Ping successful',
      data: { request: { reference: id, requester: 'bcn_sandbox', requestee: '', iat: Math.floor(now / 1000), mode: 'identification', cancelled: false, onsession: false } },
    });
    await wallet(p, 'scan', { persona: 'kwame', seed: seeds[2] });
    expect((await ping(p, id)).json.data.request).toMatchObject({ onsession: true, requestee: NIN.kwame, cancelled: false });
    expect((await wallet(p, 'approve', { persona: 'kwame', request: id })).status).toBe(200);
    const done = (await ping(p, id)).json.data.request;
    expect(done).toMatchObject({ onsession: false, cancelled: false, signedAt: Math.floor(now / 1000), requestee: NIN.kwame });
    expect(done.signature).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(decryptAll(done.claims, (await keys()).privateKey)).toEqual({ naming: { given: 'Kwame', family: 'Mensah' } });
  });

  it('answers 404 for an unknown flow and for another app’s flow', async () => {
    const { id } = await wildcard(p);
    expect((await ping(p, 'req_1-ABCD')).json).toEqual({ status: 'failed', reason: 'Request not found.' });
    const other = await ping(p, id, OTHER_V2);
    expect(other.status).toBe(404);
    expect(other.json.reason).toBe('Request not found.');
  });

  it('answers 400 without a request id, and 401 without the secret', async () => {
    const r = await p.call('POST', '/api/v2/flow/ping', { headers: V2, body: {} });
    expect(r.status).toBe(400);
    expect(r.json.reason).toMatch(/^request: /);
    expect((await ping(p, 'req_1-ABCD', { 'x-api-key': KEY })).status).toBe(401);
  });
});

describe('claims', () => {
  it('encrypts each requested leaf separately (RSA-2048 PKCS#1 v1.5, base64) and leaves the rest out', async () => {
    const claims = ['naming.family', 'naming.given', 'naming.middle', 'contact.email', 'bio.birthnumber', 'bio.birthdate', 'bio.gender', 'nationality.residence', 'nationality.primary'];
    const { id, seeds } = await wildcard(p, 1, claims);
    await wallet(p, 'scan', { persona: 'amina', seed: seeds[0] });
    await wallet(p, 'approve', { persona: 'amina', request: id });
    const enc = (await ping(p, id)).json.data.request.claims;
    for (const leaves of Object.values(enc) as Record<string, string>[]) {
      for (const value of Object.values(leaves)) expect(Buffer.from(value, 'base64')).toHaveLength(256);
    }
    expect(decryptAll(enc, (await keys()).privateKey)).toEqual({
      naming: { family: 'Wanjiru', given: 'Amina', middle: 'Njeri' },
      contact: { email: 'amina.wanjiru@example.com' },
      bio: { birthnumber: 'BN-1990-0412-0001', birthdate: '1990-04-12', gender: 'female' },
      nationality: { residence: 'NG', primary: 'KE' },
    });

    const only = await wildcard(p, 1, ['contact.email']);
    await wallet(p, 'scan', { persona: 'chidi', seed: only.seeds[0] });
    await wallet(p, 'approve', { persona: 'chidi', request: only.id });
    const one = (await ping(p, only.id)).json.data.request.claims;
    expect(Object.keys(one)).toEqual(['contact']);
    expect(decryptAll(one, (await keys()).privateKey)).toEqual({ contact: { email: 'chidi.okafor@example.com' } });
  });

  it('serves the communication keys (PEM) with key and secret only', async () => {
    const k = await keys();
    expect(k.publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(k.privateKey).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
    expect((await p.call('GET', '/sandbox/communication-keys', { headers: { 'x-api-key': KEY } })).status).toBe(401);
    const fresh = await startPasby();
    try {
      // Asked twice at once on a new database: one pair is made, and both get it.
      const [other, same] = await Promise.all([1, 2].map(async () => (await fresh.call('GET', '/sandbox/communication-keys', { headers: V2 })).json.data));
      expect(same).toEqual(other);
      expect(other.privateKey).not.toBe(k.privateKey); // one key pair per database
    } finally {
      await fresh.sandbox.close();
    }
  });
});

describe('wallet', () => {
  it('first scan of any seed wins; a later scan of any seed of that flow is void (409)', async () => {
    const { id, seeds } = await wildcard(p, 4);
    const first = await wallet(p, 'scan', { persona: 'amina', seed: seeds[3] });
    expect(first.status).toBe(200);
    expect(first.json.data).toEqual({
      request: id, name: 'Sandbox Bank', action: 'login', payload: identification.payload,
      acquireClaims: identification.claims, iat: expect.any(Number), exp: expect.any(Number), onsession: true,
    });
    for (const [persona, seed] of [['chidi', seeds[0]], ['amina', seeds[3]], ['amina', seeds[1]]] as const) {
      const again = await wallet(p, 'scan', { persona, seed });
      expect(again.status).toBe(409);
      expect(again.json.status).toBe('failed');
    }
    expect((await wallet(p, 'approve', { persona: 'chidi', request: id })).status).toBe(409); // not chidi's device
  });

  it('answers 409 for an unknown seed and 400 for an unknown persona', async () => {
    expect((await wallet(p, 'scan', { persona: 'amina', seed: 'pasby://00-vi(00)' })).status).toBe(409);
    const bad = await wallet(p, 'scan', { persona: 'mallory', seed: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.json.reason).toBe('persona: must be one of amina, chidi, kwame, zed');
    expect((await p.call('GET', '/sandbox/wallet/flows?persona=mallory')).status).toBe(400);
    expect((await p.call('GET', '/sandbox/wallet/flows')).status).toBe(400);
    expect((await wallet(p, 'approve', { persona: 'amina' })).json.reason).toMatch(/^request: /);
    expect((await wallet(p, 'decline', { persona: 'amina', request: 'req_1-ABCD' })).status).toBe(409);
  });

  it('opens only same-device flows and flows pushed to that persona, never a wildcard flow by its id', async () => {
    const { id } = await wildcard(p, 1);
    expect((await wallet(p, 'open', { persona: 'amina', request: id })).status).toBe(409);
    const pushed = (await create('different-device', { user: NIN.kwame })).request.id;
    expect((await wallet(p, 'open', { persona: 'kwame', request: pushed })).status).toBe(200);
    expect((await ping(p, pushed)).json.data.request).toMatchObject({ onsession: true, requestee: NIN.kwame });
    expect((await wallet(p, 'decline', { persona: 'kwame', request: pushed })).status).toBe(200);
  });

  it('opens a same-device flow by the id of its link, once', async () => {
    const { request } = await create('same-device', {});
    expect((await wallet(p, 'approve', { persona: 'amina', request: request.id })).status).toBe(409); // not opened yet
    expect((await wallet(p, 'open', { persona: 'amina', request: request.id })).status).toBe(200);
    expect((await wallet(p, 'open', { persona: 'chidi', request: request.id })).status).toBe(409);
    expect((await ping(p, request.id)).json.data.request.onsession).toBe(true);
    expect((await wallet(p, 'approve', { persona: 'amina', request: request.id })).status).toBe(200);
  });

  it('lists the flows pushed to a persona’s NIN while they are open, and lets only that persona act', async () => {
    const { request } = await create('different-device', { user: NIN.chidi });
    const listed = await p.call('GET', '/sandbox/wallet/flows?persona=chidi');
    expect(listed.json.data.flows.map((f: { request: string }) => f.request)).toContain(request.id);
    expect((await p.call('GET', '/sandbox/wallet/flows?persona=kwame')).json.data.flows.map((f: { request: string }) => f.request)).not.toContain(request.id);
    expect((await wallet(p, 'approve', { persona: 'kwame', request: request.id })).status).toBe(409);
    expect((await wallet(p, 'open', { persona: 'kwame', request: request.id })).status).toBe(409);
    expect((await wallet(p, 'approve', { persona: 'chidi', request: request.id })).status).toBe(200);
    expect((await p.call('GET', '/sandbox/wallet/flows?persona=chidi')).json.data.flows.map((f: { request: string }) => f.request)).not.toContain(request.id);
    expect(decryptAll((await ping(p, request.id)).json.data.request.claims, (await keys()).privateKey).naming!.family).toBe('Okafor');
  });

  it('decline cancels the flow with no claims; zed declines even when approving', async () => {
    const a = await wildcard(p, 1);
    await wallet(p, 'scan', { persona: 'chidi', seed: a.seeds[0] });
    expect((await wallet(p, 'decline', { persona: 'chidi', request: a.id })).status).toBe(200);
    const declined = (await ping(p, a.id)).json.data.request;
    expect(declined).toMatchObject({ cancelled: true, onsession: false });
    expect(declined.claims).toBeUndefined();

    const { request } = await create('different-device', { user: NIN.zed });
    const z = await wallet(p, 'approve', { persona: 'zed', request: request.id });
    expect(z.status).toBe(200);
    expect(z.json.data).toEqual({ request: request.id, cancelled: true });
    expect((await ping(p, request.id)).json.data.request).toMatchObject({ cancelled: true, requestee: NIN.zed });
    expect((await ping(p, request.id)).json.data.request.claims).toBeUndefined();
    expect((await wallet(p, 'approve', { persona: 'zed', request: request.id })).status).toBe(409);
  });
});

describe('cancel', () => {
  it('answers "Request now cancelled" with the model, and voids a flow even while in session', async () => {
    const { id, seeds } = await wildcard(p, 2);
    await wallet(p, 'scan', { persona: 'amina', seed: seeds[0] });
    const r = await p.call('POST', '/api/v2/flow/cancel', { headers: V2, body: { request: id } });
    expect(r.status).toBe(200);
    expect(r.json.reason).toBe('Request now cancelled');
    expect(r.json.data.model).toMatchObject({ id, consumer: 'bcn_sandbox', app: 'app_sandbox', action: 'login', acquireClaims: identification.claims });
    expect((await ping(p, id)).json.data.request).toMatchObject({ cancelled: true, onsession: false });
    expect((await wallet(p, 'approve', { persona: 'amina', request: id })).status).toBe(409);
    expect((await wallet(p, 'scan', { persona: 'chidi', seed: seeds[1] })).status).toBe(409);
    expect((await p.call('POST', '/api/v2/flow/cancel', { headers: V2, body: { request: id } })).status).toBe(200); // again: no harm
  });

  it('answers 409 for a completed flow and 404 for another app’s', async () => {
    const { id, seeds } = await wildcard(p, 1);
    await wallet(p, 'scan', { persona: 'amina', seed: seeds[0] });
    await wallet(p, 'approve', { persona: 'amina', request: id });
    expect((await p.call('POST', '/api/v2/flow/cancel', { headers: V2, body: { request: id } })).status).toBe(409);
    const fresh = await wildcard(p, 1);
    expect((await p.call('POST', '/api/v2/flow/cancel', { headers: OTHER_V2, body: { request: fresh.id } })).status).toBe(404);
  });
});

describe('expiry (exp = iat + 360) and the readable window', () => {
  it('answers 410 "Request expired" after exp, to ping, cancel and the wallet', async () => {
    const { id, seeds } = await wildcard(p, 2);
    const diff = (await create('different-device', { user: NIN.amina })).request.id as string;
    await wallet(p, 'scan', { persona: 'amina', seed: seeds[0] });
    now += 359_000;
    expect((await ping(p, id)).status).toBe(200);
    now += 1_000;
    const r = await ping(p, id);
    expect(r.status).toBe(410);
    expect(r.json).toEqual({ status: 'failed', reason: 'Request expired' });
    expect((await p.call('POST', '/api/v2/flow/cancel', { headers: V2, body: { request: id } })).status).toBe(410);
    expect((await wallet(p, 'approve', { persona: 'amina', request: id })).status).toBe(410);
    expect((await wallet(p, 'decline', { persona: 'amina', request: id })).json).toEqual({ status: 'failed', reason: 'Request expired' });
    expect((await wallet(p, 'scan', { persona: 'chidi', seed: seeds[1] })).status).toBe(409);
    expect((await p.call('GET', '/sandbox/wallet/flows?persona=amina')).json.data.flows.map((f: { request: string }) => f.request)).not.toContain(diff);
  });

  it('keeps a completed or cancelled flow readable for 10 minutes after it ended, even past exp', async () => {
    const done = await wildcard(p, 1);
    const gone = await wildcard(p, 1);
    await wallet(p, 'scan', { persona: 'amina', seed: done.seeds[0] });
    now += 300_000;
    await wallet(p, 'approve', { persona: 'amina', request: done.id });
    await p.call('POST', '/api/v2/flow/cancel', { headers: V2, body: { request: gone.id } });
    now += 599_000; // 899 s after creation, 599 s after ending
    expect((await ping(p, done.id)).json.data.request.signedAt).toBeGreaterThan(0);
    expect((await ping(p, gone.id)).json.data.request.cancelled).toBe(true);
    now += 1_000;
    expect((await ping(p, done.id)).status).toBe(410);
    expect((await ping(p, gone.id)).status).toBe(410);
  });
});
