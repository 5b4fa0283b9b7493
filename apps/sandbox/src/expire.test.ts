/**
 * `POST /api/sandbox/request/:requestId/expire`: a sandbox-only way to end a pending request by
 * expiry at a chosen moment (the soak bench uses it), against a real sandbox over HTTP.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { bearer, createRequest, DEMO, login, OTHER, start, type Client } from './test/helpers.js';
import { isEvent, openStream, type OpenStream } from './test/sse.js';

let client: Client | undefined;
const streams: OpenStream[] = [];
afterEach(async () => {
  for (const s of streams.splice(0)) s.close();
  await client?.sandbox.close();
  client = undefined;
});

const T0 = Date.parse('2026-11-23T14:00:00.000Z');


const expire = (c: Client, id: string, key = DEMO) => c.call('POST', `/api/sandbox/request/${id}/expire`, { key });

describe('POST /api/sandbox/request/:requestId/expire', () => {
  test('a pending request reads expired from then on: status, public view, wallet actions, expiresAt', async () => {
    let t = T0;
    client = await start({ now: () => t });
    const id = await createRequest(client);
    t += 5_000;
    const r = await expire(client, id);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ requestId: id, status: 'expired', expiresAt: new Date(T0 + 5_000).toISOString() });
    const status = await client.call('GET', `/api/bridge/request/${id}`, { key: DEMO });
    expect(status.json).toMatchObject({ status: 'expired', expiresAt: new Date(T0 + 5_000).toISOString() });
    expect((await client.call('GET', `/api/bridge/request/${id}/public`)).status).toBe(410);
    const jwt = await login(client, 'amina');
    expect((await client.call('POST', `/api/bridge/request/${id}/fulfill`, { headers: bearer(jwt) })).status).toBe(410);
    // Expiring it again: 410.
    const again = await expire(client, id);
    expect(again.status).toBe(410);
    expect(again.json.error.code).toBe('GONE');
  });

  test('an open status stream gets the expired status at once and ends', async () => {
    client = await start();
    const id = await createRequest(client);
    const s = await openStream(`${client.sandbox.url}/api/bridge/request/${id}/events`, { 'x-institution-key': DEMO });
    streams.push(s);
    const first = await s.item(0);
    expect(isEvent(first) && JSON.parse(first.data).status).toBe('pending');
    expect((await expire(client, id)).status).toBe(200);
    await s.ended;
    const last = s.events().at(-1);
    expect(last && JSON.parse(last.data).status).toBe('expired');
  });

  test('409 once completed or declined, 404 for another institution or an unknown id, 401 without a key', async () => {
    client = await start();
    const jwt = await login(client, 'kwame');
    const done = await createRequest(client);
    const refused = await createRequest(client);
    await client.call('POST', `/api/bridge/request/${done}/fulfill`, { headers: bearer(jwt) });
    await client.call('POST', `/api/bridge/request/${refused}/decline`, { headers: bearer(jwt), body: {} });
    for (const id of [done, refused]) {
      const r = await expire(client, id);
      expect(r.status).toBe(409);
      expect(r.json.error.code).toBe('CONFLICT');
    }
    const open = await createRequest(client);
    expect((await expire(client, open, OTHER)).status).toBe(404);
    expect((await expire(client, 'req_unknown000000000000000')).status).toBe(404);
    expect((await client.call('POST', `/api/sandbox/request/${open}/expire`)).status).toBe(401);
    // None of the refusals touched it.
    expect((await client.call('GET', `/api/bridge/request/${open}`, { key: DEMO })).json.status).toBe('pending');
    expect((await client.call('GET', `/api/bridge/request/${done}`, { key: DEMO })).json.status).toBe('completed');
  });
});
