import { afterEach, describe, expect, test } from 'vitest';
import * as v from 'valibot';
import { PublicRequestResponseSchema } from '@passid/core/wire';
import { bearer, DEMO, login, OTHER, start, type Client } from './test/helpers.js';

let client: Client;
afterEach(async () => {
  await client?.sandbox.close();
});

const T0 = Date.parse('2026-11-23T14:00:00.000Z');

async function createRequest(body: object = {}, key = DEMO) {
  const r = await client.call('POST', '/api/bridge/request', { key, body });
  return r.json as { requestId: string; code: string };
}

describe('public request lookups', () => {
  test('by id and by code (any case, with or without the dash) while pending; 404 unknown', async () => {
    client = await start();
    const { requestId, code } = await createRequest({ institutionName: 'Acme Lending', permissions: ['full_score', 'sanctions_clear'] });
    const byId = await client.call('GET', `/api/bridge/request/${requestId}/public`);
    expect(byId.status).toBe(200);
    expect(v.parse(PublicRequestResponseSchema, byId.json)).toMatchObject({ requestId, institutionName: 'Acme Lending', permissions: ['full_score', 'sanctions_clear'], status: 'pending' });
    for (const c of [code, code.toLowerCase(), code.replace('-', '')]) {
      const r = await client.call('GET', `/api/bridge/request/by-code/${c}`);
      expect(r.status).toBe(200);
      expect(r.text).toBe(byId.text);
    }
    expect((await client.call('GET', '/api/bridge/request/req_unknown000000000000000/public')).status).toBe(404);
    expect((await client.call('GET', '/api/bridge/request/by-code/AAAA-AAAA')).status).toBe(404);
    expect((await client.call('GET', '/api/bridge/request/by-code/not-a-code')).status).toBe(404);
  });

  test('410 once expired, completed or declined', async () => {
    let t = T0;
    client = await start({ now: () => t });
    const jwt = await login(client, 'amina');
    const a = await createRequest({ ttlSeconds: 60 });
    const b = await createRequest();
    const c = await createRequest();
    await client.call('POST', `/api/bridge/request/${b.requestId}/fulfill`, { headers: bearer(jwt) });
    await client.call('POST', `/api/bridge/request/${c.requestId}/decline`, { headers: bearer(jwt), body: {} });
    t += 60_000;
    for (const r of [a, b, c]) {
      const res = await client.call('GET', `/api/bridge/request/${r.requestId}/public`);
      expect(res.status).toBe(410);
      expect(res.json.error.code).toBe('GONE');
      expect((await client.call('GET', `/api/bridge/request/by-code/${r.code}`)).status).toBe(410);
    }
  });
});

describe('fulfil and decline', () => {
  test('fulfil completes the request with claims limited to its permissions and a used share token', async () => {
    let t = T0;
    client = await start({ now: () => t });
    const jwt = await login(client, 'kwame');
    const { requestId } = await createRequest({ permissions: ['full_score', 'fraud_risk'] });
    t += 2_000;
    const f = await client.call('POST', `/api/bridge/request/${requestId}/fulfill`, { headers: bearer(jwt) });
    expect(f.status).toBe(200);
    expect(f.json).toEqual({ status: 'completed' });
    const s = await client.call('GET', `/api/bridge/request/${requestId}`, { key: DEMO });
    expect(s.json.status).toBe('completed');
    expect(s.json.verifiedAt).toBe('2026-11-23T14:00:02.000Z');
    expect(Object.keys(s.json.claims).sort()).toEqual(
      ['confidence', 'corridor', 'decision', 'fraud_risk', 'fsi_high', 'fsi_low', 'fsi_score', 'p_stable', 'tier'],
    );
    expect(s.json.claims).toMatchObject({ fsi_score: 671, tier: 'C', fraud_risk: 'medium', decision: 'review' });
    expect(s.json.token).toMatch(/^PASSID-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    // The QR token counts as verified by the institution: outcomes can be reported for it, and it is spent.
    const o = await client.call('POST', '/api/bridge/outcome', { key: DEMO, body: { token: s.json.token, outcome: 'no_default' } });
    expect(o.status).toBe(201);
    expect(o.json.fsiScore).toBe(671);
    const again = await client.call('POST', '/api/bridge/verify', { key: DEMO, body: { token: s.json.token } });
    expect(again.json.denyReason).toBe('TOKEN_ALREADY_USED');
  });

  test('409 after completion or decline, 410 after expiry, 404 unknown', async () => {
    let t = T0;
    client = await start({ now: () => t });
    const jwt = await login(client, 'amina');
    const done = await createRequest();
    const declined = await createRequest();
    const late = await createRequest({ ttlSeconds: 60 });
    expect((await client.call('POST', `/api/bridge/request/${done.requestId}/fulfill`, { headers: bearer(jwt) })).status).toBe(200);
    const d = await client.call('POST', `/api/bridge/request/${declined.requestId}/decline`, { headers: bearer(jwt), body: { reason: 'not now' } });
    expect(d.json).toEqual({ status: 'declined' });
    for (const id of [done.requestId, declined.requestId]) {
      expect((await client.call('POST', `/api/bridge/request/${id}/fulfill`, { headers: bearer(jwt) })).status).toBe(409);
      expect((await client.call('POST', `/api/bridge/request/${id}/decline`, { headers: bearer(jwt) })).status).toBe(409);
    }
    const status = await client.call('GET', `/api/bridge/request/${declined.requestId}`, { key: DEMO });
    expect(status.json).toMatchObject({ status: 'declined', declineReason: 'CUSTOMER_DECLINED' });
    expect(status.json.claims).toBeUndefined();
    t += 60_000;
    const gone = await client.call('POST', `/api/bridge/request/${late.requestId}/fulfill`, { headers: bearer(jwt) });
    expect(gone.status).toBe(410);
    expect((await client.call('POST', `/api/bridge/request/${late.requestId}/decline`, { headers: bearer(jwt) })).status).toBe(410);
    expect((await client.call('POST', '/api/bridge/request/req_nope0000000000000000000/fulfill', { headers: bearer(jwt) })).status).toBe(404);
  });

  test('a sanctioned persona declines the request with HARD_DENY_SANCTIONS_MATCH, never completes it', async () => {
    client = await start();
    const jwt = await login(client, 'zed');
    const { requestId } = await createRequest();
    const f = await client.call('POST', `/api/bridge/request/${requestId}/fulfill`, { headers: bearer(jwt) });
    expect(f.json).toEqual({ status: 'declined' });
    const s = await client.call('GET', `/api/bridge/request/${requestId}`, { key: DEMO });
    expect(s.json).toMatchObject({ status: 'declined', declineReason: 'HARD_DENY_SANCTIONS_MATCH' });
    expect(s.json.claims).toBeUndefined();
    expect(s.json.token).toBeUndefined();
  });

  test('401 without a JWT, with a forged one and with an expired one', async () => {
    let t = T0;
    client = await start({ now: () => t });
    const { requestId } = await createRequest();
    const path = `/api/bridge/request/${requestId}/fulfill`;
    expect((await client.call('POST', path)).status).toBe(401);
    const jwt = await login(client, 'amina');
    const [h, , sig] = jwt.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ sub: 'amina', iat: 0, exp: 9_999_999_999 })).toString('base64url');
    expect((await client.call('POST', path, { headers: bearer(`${h}.${forgedPayload}.${sig}`) })).status).toBe(401);
    t += 3600_000;
    const expired = await client.call('POST', path, { headers: bearer(jwt) });
    expect(expired.status).toBe(401);
    expect(expired.json.error.code).toBe('UNAUTHORIZED');
  });
});

describe('sandbox wallet: login, share, revoke', () => {
  test('login takes a known persona only', async () => {
    client = await start();
    expect((await client.call('POST', '/api/sandbox/wallet/login', { body: { persona: 'amina' } })).json.jwt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect((await client.call('POST', '/api/sandbox/wallet/login', { body: { persona: 'mallory' } })).status).toBe(400);
  });

  test('a share token is one-time, 10 minutes, limited to its permissions', async () => {
    let t = T0;
    client = await start({ now: () => t });
    const jwt = await login(client, 'amina');
    const share = await client.call('POST', '/api/sandbox/wallet/share', { headers: bearer(jwt), body: { permissions: ['identity_verified'] } });
    expect(share.status).toBe(201);
    expect(share.json.expiresAt).toBe('2026-11-23T14:10:00.000Z');
    const typed = share.json.token.toLowerCase().replace(/-/g, '').replace('passid', ''); // as typed by staff
    const first = await client.call('POST', '/api/bridge/verify', { key: OTHER, body: { token: typed } });
    expect(first.json).toMatchObject({ verified: true, token: share.json.token, claims: { identity_verified: true, corridor: 'KE→GB', decision: 'approved' } });
    expect(Object.keys(first.json.claims).sort()).toEqual(['corridor', 'decision', 'identity_verified']);
    const second = await client.call('POST', '/api/bridge/verify', { key: OTHER, body: { token: share.json.token } });
    expect(second.json.denyReason).toBe('TOKEN_ALREADY_USED');

    const stale = await client.call('POST', '/api/sandbox/wallet/share', { headers: bearer(jwt), body: {} });
    t += 10 * 60_000;
    expect((await client.call('POST', '/api/bridge/verify', { key: DEMO, body: { token: stale.json.token } })).json.denyReason).toBe('TOKEN_EXPIRED');
  });

  test('a token bound to an institution is INSTITUTION_MISMATCH elsewhere, and still usable by its own', async () => {
    client = await start();
    const jwt = await login(client, 'chidi');
    const share = await client.call('POST', '/api/sandbox/wallet/share', { headers: bearer(jwt), body: { institutionId: 'inst_demo' } });
    expect((await client.call('POST', '/api/bridge/verify', { key: OTHER, body: { token: share.json.token } })).json.denyReason).toBe('INSTITUTION_MISMATCH');
    expect((await client.call('POST', '/api/bridge/verify', { key: DEMO, body: { token: share.json.token } })).json.verified).toBe(true);
    const unknown = await client.call('POST', '/api/sandbox/wallet/share', { headers: bearer(jwt), body: { institutionId: 'inst_nope' } });
    expect(unknown.status).toBe(400);
    const badPermission = await client.call('POST', '/api/sandbox/wallet/share', { headers: bearer(jwt), body: { permissions: ['ssn'] } });
    expect(badPermission.status).toBe(400);
  });

  test('revoked tokens are denied; only the owner can revoke', async () => {
    client = await start();
    const amina = await login(client, 'amina');
    const chidi = await login(client, 'chidi');
    const share = await client.call('POST', '/api/sandbox/wallet/share', { headers: bearer(amina), body: {} });
    expect((await client.call('POST', '/api/sandbox/wallet/revoke', { headers: bearer(chidi), body: { token: share.json.token } })).status).toBe(404);
    const r = await client.call('POST', '/api/sandbox/wallet/revoke', { headers: bearer(amina), body: { token: share.json.token } });
    expect(r.status).toBe(200);
    expect((await client.call('POST', '/api/bridge/verify', { key: DEMO, body: { token: share.json.token } })).json.denyReason).toBe('TOKEN_REVOKED');
  });

  test("a sanctioned persona's share token is a hard deny", async () => {
    client = await start();
    const jwt = await login(client, 'zed');
    const share = await client.call('POST', '/api/sandbox/wallet/share', { headers: bearer(jwt), body: {} });
    const r = await client.call('POST', '/api/bridge/verify', { key: DEMO, body: { token: share.json.token } });
    expect(r.json).toEqual({ verified: false, token: share.json.token, denyReason: 'HARD_DENY_SANCTIONS_MATCH' });
  });

  test('personas are listed without secrets', async () => {
    client = await start();
    const r = await client.call('GET', '/api/sandbox/personas');
    expect(r.json.personas.map((p: { persona: string }) => p.persona)).toEqual(['amina', 'chidi', 'kwame', 'zed']);
    expect(r.text).not.toContain('sk_sandbox');
    expect(r.json.institutions).toEqual([{ institutionId: 'inst_demo', name: 'Demo Bank' }, { institutionId: 'inst_other', name: 'Other Bank' }]);
  });
});
