/** The playground's backend as an institution's server: webhook receiver and the wallet pass-through. */
import { expect, test } from '@playwright/test';
import { DEMO_KEY } from './support/helpers';
import { PLAYGROUND_URL, SANDBOX_URL } from './support/ports';
import { ownSandbox } from './support/own-sandbox';
import { startPlayground } from '../apps/playground/server.mjs';

interface Received {
  seq: number;
  id?: string;
  type?: string;
  verified: boolean;
  duplicate: boolean;
  problem?: string;
}

async function eventsAfter(request: import('@playwright/test').APIRequestContext, after: number): Promise<Received[]> {
  const res = await request.get(`${PLAYGROUND_URL}/api/events?after=${after}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { events: Received[] }).events;
}

test('a sandbox test webhook is verified; a forged one is refused with 400 and listed as rejected', async ({ request }) => {
  const config = (await (await request.get(`${PLAYGROUND_URL}/config.json`)).json()) as { webhook: { registered: boolean } };
  expect(config.webhook.registered).toBe(true);
  const before = await eventsAfter(request, 0);
  const last = before.at(-1)?.seq ?? 0;

  const sent = await request.post(`${SANDBOX_URL}/api/sandbox/webhooks/test`, { headers: { 'x-institution-key': DEMO_KEY } });
  expect(sent.ok()).toBe(true);
  await expect
    .poll(async () => (await eventsAfter(request, last)).filter((e) => e.verified && e.type === 'verification.completed').length, { timeout: 8_000 })
    .toBe(1);

  const body = JSON.stringify({ id: 'evt_forged', type: 'verification.completed', createdAt: new Date().toISOString(), institutionId: 'inst_demo', data: {} });
  const forged = await request.post(`${PLAYGROUND_URL}/webhooks/passid`, {
    headers: { 'content-type': 'application/json', 'x-passid-signature': `sha256=${'0'.repeat(64)}` },
    data: body,
  });
  expect(forged.status()).toBe(400);
  const rejected = (await eventsAfter(request, last)).find((e) => e.id === 'evt_forged');
  expect(rejected).toMatchObject({ verified: false, duplicate: false });
  expect(rejected?.problem).toMatch(/SIGNATURE_MISMATCH/);
});

test('a receiver registered by someone else shows in the page; Re-register brings the webhooks back', async ({ page, request }) => {
  // Its own sandbox and playground: taking the one endpoint away must not starve the other specs.
  const sandbox = await ownSandbox();
  const playground = await startPlayground({ port: 0, host: '127.0.0.1', sandboxUrl: sandbox.url, registerRetryMs: 100, log: () => {} });
  try {
    const pill = page.getByTestId('webhook-pill');
    await page.goto(playground.url.replace('localhost', '127.0.0.1'));
    await expect(pill).toHaveText('webhooks registered');
    const other = 'http://127.0.0.1:9/my-own-receiver';
    const put = await request.put(`${sandbox.url}/api/sandbox/webhook-endpoint`, { headers: { 'x-institution-key': DEMO_KEY }, data: { url: other } });
    expect(put.ok()).toBe(true);
    // The server asks the sandbox at most every 5 s while the page polls; it never takes the endpoint back by itself.
    await expect(pill).toContainText(`webhooks go to ${other}`, { timeout: 12_000 });
    const status = (await (await request.get(`${playground.url}/api/events?after=999999`)).json()) as { webhook: { registered: boolean; deliversTo: string } };
    expect(status.webhook).toMatchObject({ registered: false, deliversTo: other });
    const pointed = (await (await request.get(`${sandbox.url}/api/sandbox/webhook-endpoint`, { headers: { 'x-institution-key': DEMO_KEY } })).json()) as { url: string };
    expect(pointed.url).toBe(other);

    await pill.getByRole('button', { name: 'Re-register' }).click();
    await expect(pill).toHaveText('webhooks registered');
    const before = playground.events.length;
    expect((await request.post(`${sandbox.url}/api/sandbox/webhooks/test`, { headers: { 'x-institution-key': DEMO_KEY } })).ok()).toBe(true);
    await expect.poll(() => playground.events.slice(before).filter((e) => e.verified).length, { timeout: 8_000 }).toBe(1);
  } finally {
    await playground.close();
    await sandbox.stop();
  }
});

test('the /sandbox pass-through forwards only public and wallet endpoints', async ({ request }) => {
  const login = await request.post(`${PLAYGROUND_URL}/sandbox/api/sandbox/wallet/login`, { data: { persona: 'kwame' } });
  expect(login.status()).toBe(200);
  expect(((await login.json()) as { jwt: string }).jwt).toMatch(/^ey/);
  // The institution's status endpoint, cohorts and webhook settings are not forwarded.
  for (const path of ['/api/bridge/request/req_x', '/api/bridge/cohorts', '/api/sandbox/webhook-endpoint']) {
    const res = await request.get(`${PLAYGROUND_URL}/sandbox${path}`, { headers: { 'x-institution-key': DEMO_KEY } });
    expect(res.status(), path).toBe(404);
  }
  const unknown = await request.get(`${PLAYGROUND_URL}/sandbox/api/bridge/request/by-code/ZZZZ-ZZZZ`);
  expect(unknown.status()).toBe(404);
});

test('unsigned posts cannot push verified webhooks out of the list, and registration refuses cross-site calls', async ({ request }) => {
  const sandbox = await ownSandbox();
  const playground = await startPlayground({ port: 0, host: '127.0.0.1', sandboxUrl: sandbox.url, registerRetryMs: 100, log: () => {} });
  const base = playground.url.replace('localhost', '127.0.0.1');
  try {
    await expect.poll(() => playground.webhook.registered, { timeout: 8_000 }).toBe(true);
    expect((await request.post(`${sandbox.url}/api/sandbox/webhooks/test`, { headers: { 'x-institution-key': DEMO_KEY } })).ok()).toBe(true);
    await expect.poll(() => playground.events.filter((e) => e.verified).length, { timeout: 8_000 }).toBe(1);
    // 201 forged posts: each refused with 400, none pushing the real event out.
    const forged = JSON.stringify({ id: 'evt_spam', type: 'verification.completed', createdAt: new Date().toISOString(), institutionId: 'inst_demo', data: {} });
    for (let i = 0; i < 201; i += 1) {
      const res = await request.post(`${base}/webhooks/passid`, { headers: { 'content-type': 'application/json' }, data: forged });
      expect(res.status()).toBe(400);
    }
    const listed = (await (await request.get(`${base}/api/events?after=0`)).json()) as { events: Received[] };
    expect(listed.events.filter((e) => e.verified)).toHaveLength(1);
    // The rejected ones are still shown (the newest few), marked as such.
    const rejected = listed.events.filter((e) => !e.verified);
    expect(rejected.length).toBeGreaterThan(0);
    expect(rejected.length).toBeLessThanOrEqual(50);
    for (const e of rejected) expect(e.problem).toMatch(/MISSING_SIGNATURE/);

    // Registration: a page on another site cannot point the sandbox's webhooks here (or away).
    const crossSite: Array<Record<string, string>> = [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }, { origin: 'null' }];
    for (const headers of crossSite) {
      const res = await request.post(`${base}/api/webhook/register`, { headers });
      expect(res.status(), JSON.stringify(headers)).toBe(403);
    }
    const same = await request.post(`${base}/api/webhook/register`, { headers: { origin: base, 'sec-fetch-site': 'same-origin' } });
    expect(same.status()).toBe(200);
    expect(((await same.json()) as { registered: boolean }).registered).toBe(true);
  } finally {
    await playground.close();
    await sandbox.stop();
  }
});
