/**
 * pasby's own Node SDK (`@finsel-dgi/pasby` 0.0.6, axios) pointed at the sandbox: every
 * identification and flow call it has must work as against pasby. It sends the secret on
 * every call (wildcard too) and calls `/api/{version}/flow/authorize` and `/flow/polling`
 * with the key and the secret, which the sandbox accepts on v1 and v2.
 */
import { Pasby, PasbyError, type ConfigurationParameters } from '@finsel-dgi/pasby';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptAll, identification, KEY, NIN, SECRET, startPasby, V2, wallet, type PasbyClient } from '../test/pasby.js';

let p: PasbyClient;
let pasby: Pasby;
let privateKey: string;

/** The SDK types `basePath` as pasby's two hosts and `version` as 'v2'; at run time it takes any. */
const sdk = (extra: Partial<Record<'version' | 'appSecretKey', string>> = {}) =>
  new Pasby({ apikeyAuth: KEY, appSecretKey: SECRET, basePath: p.base, ...extra } as unknown as ConfigurationParameters);

/** The calls the SDK declares private in its types but ships and exports at run time. */
interface HiddenFlows {
  authorize(r: { sub: string; app: string }): Promise<{ data: { status: string; reason: string; data: { token: string } } }>;
  longPolling(r: { request: string }): Promise<{ data: { status: string; data: { request: Record<string, unknown> } } }>;
}
const hidden = (client: Pasby) => client.flows as unknown as HiddenFlows;

beforeAll(async () => {
  p = await startPasby({ pasby: { longPollMs: 300 } });
  pasby = sdk();
  privateKey = (await p.call('GET', '/sandbox/communication-keys', { headers: V2 })).json.data.privateKey;
});
afterAll(() => p.sandbox.close());

const claims = ['naming.given', 'naming.family', 'contact.email'] as const;

describe('@finsel-dgi/pasby against the sandbox', () => {
  it('wildcard → a device scans a seed → ping shows it in session → approved → decrypted claims', async () => {
    const created = await pasby.identification.wildcard({ action: 'login', claims: [...claims], seeds: 4, payload: 'Identify with pasby' });
    expect(created.status).toBe(201);
    expect(created.data.status).toBe('successful');
    const { request, seeds } = created.data.data!;
    expect(seeds).toHaveLength(4);
    expect(request.acquireClaims).toEqual([...claims]);

    expect((await wallet(p, 'scan', { persona: 'amina', seed: seeds[2] })).status).toBe(200);
    const held = await pasby.flows.ping({ request: request.id });
    expect(held.data.data.request).toMatchObject({ reference: request.id, onsession: true, cancelled: false, requestee: NIN.amina });

    await wallet(p, 'approve', { persona: 'amina', request: request.id });
    const done = (await pasby.flows.ping({ request: request.id })).data.data.request;
    expect(done.signedAt).toEqual(expect.any(Number));
    expect(decryptAll(done.claims as Record<string, Record<string, string>>, privateKey)).toEqual({
      naming: { given: 'Amina', family: 'Wanjiru' },
      contact: { email: 'amina.wanjiru@example.com' },
    });
  });

  it('same-device → the link opens in the pasby app → approved', async () => {
    const created = await pasby.identification.sameDevice({ action: 'signup', claims: ['naming.given'], payload: 'Create your account' });
    expect(created.status).toBe(201);
    const { link, request } = created.data.data;
    const id = new URL(link).searchParams.get('id')!;
    expect(id).toBe(request.id);
    expect((await wallet(p, 'open', { persona: 'chidi', request: id })).status).toBe(200);
    await wallet(p, 'approve', { persona: 'chidi', request: id });
    const done = (await pasby.flows.ping({ request: id })).data.data.request;
    expect(decryptAll(done.claims as Record<string, Record<string, string>>, privateKey)).toEqual({ naming: { given: 'Chidi' } });
  });

  it('different-device → pushed to the NIN → declined; an unknown NIN is a PasbyError 404', async () => {
    const created = await pasby.identification.differentDevice({ user: NIN.kwame, action: 'login', claims: ['naming.family'], payload: 'Sign in' });
    expect(created.status).toBe(201);
    const id = created.data.data.request.id;
    await wallet(p, 'decline', { persona: 'kwame', request: id });
    expect((await pasby.flows.ping({ request: id })).data.data.request).toMatchObject({ cancelled: true, onsession: false });

    const error = await pasby.identification
      .differentDevice({ user: '99999999999', action: 'login', claims: ['naming.family'], payload: 'Sign in' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PasbyError);
    expect((error as PasbyError).status).toBe(404);
    expect((error as PasbyError).responseBody).toEqual({ status: 'failed', reason: 'National does not have a pasby™ digital ID' });
  });

  it('cancels a flow in session', async () => {
    const { request, seeds } = (await pasby.identification.wildcard({ action: 'login', claims: ['naming.given'], seeds: 1, payload: 'x' })).data.data!;
    await wallet(p, 'scan', { persona: 'amina', seed: seeds[0] });
    const cancelled = await pasby.flows.cancel({ request: request.id });
    expect(cancelled.data.reason).toBe('Request now cancelled');
    expect(cancelled.data.data?.model?.id).toBe(request.id);
    expect((await wallet(p, 'approve', { persona: 'amina', request: request.id })).status).toBe(409);
  });

  it('authorize and long polling, as the SDK calls them on v2 and on v1', async () => {
    for (const client of [pasby, sdk({ version: 'v1' })]) {
      const auth = await hidden(client).authorize({ sub: 'bcn_sandbox', app: 'app_sandbox' });
      expect(auth.data.reason).toBe('Token generated successfully');
      expect(auth.data.data.token.split('.')).toHaveLength(3);
      const { request } = (await pasby.identification.sameDevice({ action: 'login', claims: ['naming.given'], payload: 'x' })).data.data;
      const polled = await hidden(client).longPolling({ request: request.id }); // nothing changes: answers after the hold
      expect(polled.data.data.request).toMatchObject({ reference: request.id, onsession: false });
      expect((await client.flows.ping({ request: request.id })).data.data.request.reference).toBe(request.id);
      expect((await client.flows.cancel({ request: request.id })).data.reason).toBe('Request now cancelled');
    }
  });

  it('answers the health check', async () => {
    expect((await pasby.health.healthCheck()).status).toBe(200);
  });

  it('a wrong secret is a PasbyError 401 with pasby’s envelope', async () => {
    const error = await sdk({ appSecretKey: 'snb_wrong' }).flows.ping({ request: 'req_1-ABCD' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PasbyError);
    expect((error as PasbyError).status).toBe(401);
    expect((error as PasbyError).responseBody).toEqual({ status: 'failed', reason: 'Invalid x-access-secret.' });
  });
});
