import { afterEach, describe, expect, test } from 'vitest';
import * as v from 'valibot';
import { CohortsResponseSchema, OutcomeResponseSchema, VerifyResponseSchema } from '@passid/core/wire';
import { DEMO, OTHER, start, startReceiver, waitFor, type Client } from './test/helpers.js';

let client: Client;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await client?.sandbox.close();
  while (closers.length) await closers.pop()!();
});

const verify = (token: string, key = DEMO, idem?: string) =>
  client.call('POST', '/api/bridge/verify', { key, body: { token }, headers: idem ? { 'idempotency-key': idem } : {} });

describe('POST /api/bridge/verify with fixture tokens', () => {
  test('each fixture returns its deterministic claims, any number of times', async () => {
    client = await start();
    const a = await verify('KE8V-3TXY-Z72L');
    expect(a.status).toBe(200);
    const body = v.parse(VerifyResponseSchema, a.json);
    expect(body).toMatchObject({ verified: true, token: 'KE8V-3TXY-Z72L', proofType: 'share_token' });
    expect(a.json.claims).toMatchObject({ fsi_score: 812, tier: 'A', corridor: 'KE→GB', decision: 'approved', income_verified: true, identity_verified: true, sanctions_clear: true, fraud_risk: 'low' });
    const again = await verify('KE8V-3TXY-Z72L');
    expect(again.json.claims).toEqual(a.json.claims);
    expect((await verify('NG4M-XQRS-T88W')).json.claims).toMatchObject({ fsi_score: 743, tier: 'B', corridor: 'NG→US', decision: 'approved' });
    expect((await verify('GH2P-ABCD-56KL')).json.claims).toMatchObject({ fsi_score: 671, tier: 'C', corridor: 'GH→EU', identity_verified: false, fraud_risk: 'medium', decision: 'review' });
  });

  test.each(['ke8v-3txy-z72l', 'KE8V3TXYZ72L', '  ke8v 3txy z72l ', 'PASSID-KE8V-3TXY-Z72L', 'passidke8v3txyz72l'])(
    'normalises %j to the fixture',
    async (input) => {
      client = await start();
      const r = await verify(input);
      expect(r.json).toMatchObject({ verified: true, token: 'KE8V-3TXY-Z72L' });
    },
  );

  test('deny fixtures and unknown tokens are denied with their reasons', async () => {
    client = await start();
    const cases: [string, string][] = [
      ['EXPD-TOKN-0001', 'TOKEN_EXPIRED'],
      ['rvkd-tokn-0001', 'TOKEN_REVOKED'],
      ['USED-TOKN-0001', 'TOKEN_ALREADY_USED'],
      ['OTHR-INST-0001', 'INSTITUTION_MISMATCH'],
      ['SANC-HITS-0001', 'HARD_DENY_SANCTIONS_MATCH'],
      ['PASSID-AAAA-BBBB-CCCC-DDDD', 'TOKEN_NOT_FOUND'],
      ['zzzz-zzzz-zzzz', 'TOKEN_NOT_FOUND'],
    ];
    for (const [token, reason] of cases) {
      const r = await verify(token);
      expect(r.status).toBe(200);
      expect(v.parse(VerifyResponseSchema, r.json)).toMatchObject({ verified: false, denyReason: reason });
    }
  });

  test('400 for a missing, empty or non-string token and for an unknown field', async () => {
    client = await start();
    for (const body of [{}, { token: '' }, { token: 42 }, { token: 'KE8V-3TXY-Z72L', extra: 1 }]) {
      const r = await client.call('POST', '/api/bridge/verify', { key: DEMO, body });
      expect(r.status).toBe(400);
      expect(r.json.error.code).toBe('INVALID_REQUEST');
    }
  });
});

describe('idempotency', () => {
  test('the same key and body replays the first response byte for byte, marked as replayed', async () => {
    let t = Date.parse('2026-11-23T14:00:00.000Z');
    client = await start({ now: () => t });
    const first = await verify('KE8V-3TXY-Z72L', DEMO, 'key-1');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    t += 5_000;
    const second = await verify('ke8v3txyz72l', DEMO, 'key-1');
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.text).toBe(first.text);
    expect(second.json.verifiedAt).toBe('2026-11-23T14:00:00.000Z');
  });

  test('the same key with a different body is 422; keys are scoped per institution', async () => {
    client = await start();
    await verify('KE8V-3TXY-Z72L', DEMO, 'key-2');
    const reused = await verify('NG4M-XQRS-T88W', DEMO, 'key-2');
    expect(reused.status).toBe(422);
    expect(reused.json.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const otherInstitution = await verify('NG4M-XQRS-T88W', OTHER, 'key-2');
    expect(otherInstitution.status).toBe(200);
    expect(otherInstitution.json.token).toBe('NG4M-XQRS-T88W');
    expect(otherInstitution.headers.get('idempotent-replayed')).toBeNull();
  });

  test('a key replays for 24 h and is forgotten after', async () => {
    let t = Date.parse('2026-11-23T14:00:00.000Z');
    client = await start({ now: () => t });
    const first = await verify('KE8V-3TXY-Z72L', DEMO, 'key-3');
    t += 24 * 3600_000 - 1;
    expect((await verify('KE8V-3TXY-Z72L', DEMO, 'key-3')).text).toBe(first.text);
    t += 1;
    const later = await verify('KE8V-3TXY-Z72L', DEMO, 'key-3');
    expect(later.headers.get('idempotent-replayed')).toBeNull();
    expect(later.json.verifiedAt).not.toBe(first.json.verifiedAt);
  });

  test('a key that is empty or longer than 255 characters is 400', async () => {
    client = await start();
    expect((await verify('KE8V-3TXY-Z72L', DEMO, 'k'.repeat(255))).status).toBe(200);
    expect((await verify('KE8V-3TXY-Z72L', DEMO, 'k'.repeat(256))).status).toBe(400);
    const empty = await client.call('POST', '/api/bridge/verify', { key: DEMO, body: { token: 'KE8V-3TXY-Z72L' }, headers: { 'idempotency-key': '' } });
    expect(empty.status).toBe(400);
  });

  test('409 CONFLICT while the first call with the key is still running', async () => {
    // The first call holds its key for 1.5 s; the second starts 150 ms later: wide margins on
    // both sides, so a loaded machine cannot swap the order.
    client = await start({ verifyDelayMs: 1_500 });
    const [a, b] = await Promise.all([
      verify('KE8V-3TXY-Z72L', DEMO, 'slow'),
      new Promise((r) => setTimeout(r, 150)).then(() => verify('KE8V-3TXY-Z72L', DEMO, 'slow')),
    ]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(409);
    expect(b.json.error.code).toBe('CONFLICT');
    const after = await verify('KE8V-3TXY-Z72L', DEMO, 'slow');
    expect(after.text).toBe(a.text);
  });

  test('50 concurrent calls with one key verify a one-time token once and send one webhook', async () => {
    client = await start();
    const receiver = await startReceiver();
    closers.push(receiver.close);
    await client.call('PUT', '/api/sandbox/webhook-endpoint', { key: DEMO, body: { url: receiver.url } });
    const jwt = (await client.call('POST', '/api/sandbox/wallet/login', { body: { persona: 'chidi' } })).json.jwt;
    const share = await client.call('POST', '/api/sandbox/wallet/share', { body: {}, headers: { authorization: `Bearer ${jwt}` } });
    const replies = await Promise.all(Array.from({ length: 50 }, () => verify(share.json.token, DEMO, 'burst')));
    const ok = replies.filter((r) => r.status === 200);
    expect(ok.length + replies.filter((r) => r.status === 409).length).toBe(50);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(ok.every((r) => r.text === ok[0]!.text && r.json.verified === true)).toBe(true);
    expect(replies.filter((r) => r.headers.get('idempotent-replayed') === null && r.status === 200)).toHaveLength(1);
    // A new key now sees the token as used: it was verified exactly once.
    expect((await verify(share.json.token, DEMO, 'another')).json.denyReason).toBe('TOKEN_ALREADY_USED');
    await waitFor(() => receiver.received.length >= 2, 5_000, 'two webhooks');
    const deliveries = await client.call('GET', '/api/sandbox/webhook-deliveries', { key: DEMO });
    const completed = deliveries.json.deliveries.filter((d: { type: string }) => d.type === 'verification.completed');
    expect(completed).toHaveLength(1);
    expect(deliveries.json.deliveries).toHaveLength(2); // + the denied one for the second key
  });
});

describe('outcomes and cohorts', () => {
  test('201 with the FSI score captured at verification; a second report is 409', async () => {
    let t = Date.parse('2026-11-23T14:00:00.000Z');
    client = await start({ now: () => t });
    await verify('NG4M-XQRS-T88W');
    t += 1000;
    const r = await client.call('POST', '/api/bridge/outcome', {
      key: DEMO,
      body: { token: 'ng4m-xqrs-t88w', outcome: 'repaid', productType: 'personal_loan', amount: 5000, currency: 'GBP' },
    });
    expect(r.status).toBe(201);
    expect(v.parse(OutcomeResponseSchema, r.json)).toMatchObject({ token: 'NG4M-XQRS-T88W', outcome: 'repaid', fsiScore: 743, reportedAt: '2026-11-23T14:00:01.000Z' });
    expect(r.json.outcomeId).toMatch(/^out_/);
    const dup = await client.call('POST', '/api/bridge/outcome', { key: DEMO, body: { token: 'NG4M-XQRS-T88W', outcome: 'defaulted' } });
    expect(dup.status).toBe(409);
    expect(dup.json.error.code).toBe('CONFLICT');
  });

  test('404 for a token this institution never verified (even if another one did)', async () => {
    client = await start();
    await verify('KE8V-3TXY-Z72L', OTHER);
    const r = await client.call('POST', '/api/bridge/outcome', { key: DEMO, body: { token: 'KE8V-3TXY-Z72L', outcome: 'repaid' } });
    expect(r.status).toBe(404);
    const denied = await verify('EXPD-TOKN-0001');
    expect(denied.json.verified).toBe(false);
    expect((await client.call('POST', '/api/bridge/outcome', { key: DEMO, body: { token: 'EXPD-TOKN-0001', outcome: 'repaid' } })).status).toBe(404);
  });

  test('400 for an unknown outcome, and for "other" without notes', async () => {
    client = await start();
    await verify('KE8V-3TXY-Z72L');
    const bad = await client.call('POST', '/api/bridge/outcome', { key: DEMO, body: { token: 'KE8V-3TXY-Z72L', outcome: 'paid_late' } });
    expect(bad.status).toBe(400);
    const noNotes = await client.call('POST', '/api/bridge/outcome', { key: DEMO, body: { token: 'KE8V-3TXY-Z72L', outcome: 'other' } });
    expect(noNotes.status).toBe(400);
    expect(noNotes.json.error.message).toContain('notes');
    const withNotes = await client.call('POST', '/api/bridge/outcome', { key: DEMO, body: { token: 'KE8V-3TXY-Z72L', outcome: 'other', notes: 'moved abroad' } });
    expect(withNotes.status).toBe(201);
  });

  test('400 for an amount that is not a finite number (1e400 is Infinity once parsed), and nothing is stored', async () => {
    client = await start();
    await verify('KE8V-3TXY-Z72L');
    for (const amount of ['1e400', '-1e400']) {
      const r = await client.call('POST', '/api/bridge/outcome', {
        key: DEMO,
        raw: `{"token":"KE8V-3TXY-Z72L","outcome":"repaid","amount":${amount}}`,
        headers: { 'content-type': 'application/json' },
      });
      expect(r.status, amount).toBe(400);
      expect(r.json.error).toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining('amount') });
    }
    const cohorts = await client.call('GET', '/api/bridge/cohorts', { key: DEMO });
    expect(cohorts.json.tiers[0].outcomes.repaid).toBe(0);
    const ok = await client.call('POST', '/api/bridge/outcome', { key: DEMO, body: { token: 'KE8V-3TXY-Z72L', outcome: 'repaid', amount: 1e300 } });
    expect(ok.status).toBe(201);
  });

  test('cohorts count verified tokens and outcomes per tier, only for this institution', async () => {
    client = await start();
    for (const token of ['KE8V-3TXY-Z72L', 'NG4M-XQRS-T88W', 'GH2P-ABCD-56KL']) await verify(token);
    await verify('KE8V-3TXY-Z72L'); // the same token twice counts once
    await verify('GH2P-ABCD-56KL', OTHER);
    await client.call('POST', '/api/bridge/outcome', { key: DEMO, body: { token: 'GH2P-ABCD-56KL', outcome: 'defaulted' } });
    await client.call('POST', '/api/bridge/outcome', { key: DEMO, body: { token: 'KE8V-3TXY-Z72L', outcome: 'repaid' } });
    const r = await client.call('GET', '/api/bridge/cohorts', { key: DEMO });
    const { tiers } = v.parse(CohortsResponseSchema, r.json);
    expect(tiers.map((x) => x.tier)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(tiers[0]).toMatchObject({ verified: 1, defaultRate: 0, outcomes: { repaid: 1, defaulted: 0 } });
    expect(tiers[1]).toMatchObject({ verified: 1, defaultRate: null });
    expect(tiers[2]).toMatchObject({ verified: 1, defaultRate: 1, outcomes: { defaulted: 1 } });
    const other = await client.call('GET', '/api/bridge/cohorts', { key: OTHER });
    expect(other.json.tiers[2]).toMatchObject({ verified: 1, defaultRate: null });
    expect(other.json.tiers[0].verified).toBe(0);
  });
});
