/** Durability: a sandbox restarted on the same database file keeps pasby's flows, seeds and keys. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { decryptAll, identification, NIN, ping, startPasby, V2, wallet, wildcard } from '../test/pasby.js';

const dir = mkdtempSync(join(tmpdir(), 'passid-pasby-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('keeps flows in every state, their seeds and the key pair across a restart', async () => {
  const dbPath = join(dir, 'sandbox.db');
  const first = await startPasby({ dbPath });
  const keysBefore = (await first.call('GET', '/sandbox/communication-keys', { headers: V2 })).json.data;
  const held = await wildcard(first, 3);
  const open = await wildcard(first, 2);
  const done = await wildcard(first, 1);
  const pushed = (await first.call('POST', '/api/v2/identification/different-device', { headers: V2, body: { ...identification, user: NIN.chidi } })).json.data.request.id as string;
  await wallet(first, 'scan', { persona: 'amina', seed: held.seeds[0] });
  await wallet(first, 'scan', { persona: 'kwame', seed: done.seeds[0] });
  await wallet(first, 'approve', { persona: 'kwame', request: done.id });
  const doneBefore = (await ping(first, done.id)).json.data.request;
  await first.sandbox.close();

  const second = await startPasby({ dbPath });
  try {
    const keysAfter = (await second.call('GET', '/sandbox/communication-keys', { headers: V2 })).json.data;
    expect(keysAfter).toEqual(keysBefore);
    expect((await ping(second, held.id)).json.data.request).toMatchObject({ onsession: true, requestee: NIN.amina });
    expect((await ping(second, open.id)).json.data.request).toMatchObject({ onsession: false, cancelled: false });
    expect((await ping(second, done.id)).json.data.request).toEqual(doneBefore);
    // The first scan still wins after the restart; the open flow's seeds still work.
    expect((await wallet(second, 'scan', { persona: 'chidi', seed: held.seeds[2] })).status).toBe(409);
    expect((await wallet(second, 'scan', { persona: 'chidi', seed: open.seeds[1] })).status).toBe(200);
    expect((await second.call('GET', '/sandbox/wallet/flows?persona=chidi')).json.data.flows.map((f: { request: string }) => f.request)).toContain(pushed);
    expect((await wallet(second, 'approve', { persona: 'amina', request: held.id })).status).toBe(200);
    const claims = (await ping(second, held.id)).json.data.request.claims;
    expect(decryptAll(claims, keysBefore.privateKey)).toEqual({ naming: { given: 'Amina', family: 'Wanjiru' } });
  } finally {
    await second.sandbox.close();
  }
});
