/**
 * The browser half against the server half, for real: `createPasbyController` from
 * `@passid/core/pasby` talks to `createPasbyProxy` over the Fetch API (the handler is the
 * browser's `fetch`), and the proxy to a real sandbox over HTTP. The wallet side plays the
 * pasby app. What the browser sees: a seed of the flow on the QR, the pick-up, the decrypted
 * names; NOT_ON_PASBY and the way onward; a session left early is void at pasby.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSandbox, type RunningSandbox } from '@passid/sandbox';
import { connectPasby, createPasbyController, type PasbyControllerOptions, type PasbyController } from '@passid/core/pasby';
import { createPasbyProxy } from './proxy.js';

const KEY = 'bk-test_sandbox';
const SECRET = 'snb_sandbox';
let sandbox: RunningSandbox;
let base: string;
let proxyFetch: typeof fetch;
/** Every create answer the proxy gave (to know a flow's seeds). */
const created: { handle: string; seeds?: string[]; link?: string }[] = [];
const controllers: PasbyController[] = [];
/** The proxy's answers to cancels, in order. */
const cancelled: { url: string; status: number; body: unknown }[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, dbPath: ':memory:', rateLimit: '0', pasby: { sseIntervalMs: 100 } });
  base = `${sandbox.url}/pasby`;
  const keys = await fetch(`${base}/sandbox/communication-keys`, { headers: { 'x-api-key': KEY, 'x-access-secret': SECRET } });
  const { privateKey } = ((await keys.json()) as { data: { privateKey: string } }).data;
  const proxy = createPasbyProxy({
    apiKey: KEY,
    secret: SECRET,
    privateKey,
    baseUrl: base,
    claims: ['naming.given', 'naming.family', 'contact.email'],
    seeds: 3,
    pingIntervalMs: 200,
  });
  proxyFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await proxy(new Request(new URL(String(input), 'http://bank.test'), init));
    if (init?.method === 'POST' && String(input).endsWith('/session') && response.status === 201) created.push(await response.clone().json());
    if (String(input).endsWith('/cancel')) cancelled.push({ url: String(input), status: response.status, body: await response.clone().json() });
    return response;
  }) as typeof fetch;
});
afterAll(async () => {
  controllers.forEach((c) => c.dispose());
  await sandbox.close();
});

function widget(options: Partial<PasbyControllerOptions> = {}) {
  const controller = createPasbyController({ endpoint: '/api/pasby', fetch: proxyFetch, ...options });
  controllers.push(controller);
  const view = () => connectPasby(controller.getState(), { mode: controller.mode() });
  return { controller, view };
}
async function wallet(action: string, body: Record<string, unknown>) {
  const r = await fetch(`${base}/sandbox/wallet/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: r.status, json: (await r.json()) as { data?: { request?: string } } };
}
const until = (check: () => void) => vi.waitFor(check, { timeout: 8000, interval: 20 });

describe('the core through the proxy and the sandbox', () => {
  it('wildcard: the QR shows a seed of the flow; a scan picks it up (QR gone); approval shows the decrypted names', async () => {
    const { controller, view } = widget();
    const onSuccess = vi.fn();
    controller.setOptions({ endpoint: '/api/pasby', fetch: proxyFetch, onSuccess });
    controller.start();
    await until(() => expect(view().showQr).toBe(true));
    const seed = view().qrValue!;
    expect(created.at(-1)?.seeds).toContain(seed);
    const scan = await wallet('scan', { persona: 'amina', seed });
    expect(scan.status).toBe(200);
    await until(() => expect(view()).toMatchObject({ isPickedUp: true, showQr: false, title: 'Approve in your pasby app' }));
    expect((await wallet('approve', { persona: 'amina', request: scan.json.data?.request })).status).toBe(200);
    await until(() => expect(controller.getState().status).toBe('success'));
    expect(onSuccess).toHaveBeenCalledWith({ naming: { given: 'Amina', family: 'Wanjiru' }, contact: { email: 'amina.wanjiru@example.com' } });
    expect(view().fullName).toBe('Amina Wanjiru');
  });

  it('same-device: the link opens the flow in the app; approval completes', async () => {
    const { controller, view } = widget({ mode: 'same-device', claims: ['naming.given'] });
    controller.start();
    await until(() => expect(view().link).toMatch(/^https:\/\/open\.pasby\.africa\/app\/\?/));
    const id = new URL(view().link!).searchParams.get('id');
    expect((await wallet('open', { persona: 'chidi', request: id })).status).toBe(200);
    await until(() => expect(view().isPickedUp).toBe(true));
    await wallet('approve', { persona: 'chidi', request: id });
    await until(() => expect(controller.getState().claims).toEqual({ naming: { given: 'Chidi' } }));
  });

  it('different-device: a persona\'s NIN gets the flow; an unknown NIN is NOT_ON_PASBY, and the QR is the way onward', async () => {
    const { controller, view } = widget({ mode: 'different-device' });
    controller.start('99999999999');
    await until(() => expect(controller.getState()).toMatchObject({ status: 'declined', decline: 'NOT_ON_PASBY' }));
    expect(view().fallback).toBe('wildcard');
    controller.switchMode('wildcard');
    await until(() => expect(view().showQr).toBe(true));
    controller.dispose();

    const pushed = widget({ mode: 'different-device' });
    pushed.controller.start('34567890123');
    await until(() => expect(pushed.view().status).toBe('awaiting'));
    const flows = await fetch(`${base}/sandbox/wallet/flows?persona=kwame`).then((r) => r.json() as Promise<{ data: { flows: { request: string }[] } }>);
    expect(flows.data.flows).toHaveLength(1);
    await wallet('decline', { persona: 'kwame', request: flows.data.flows[0]!.request });
    await until(() => expect(pushed.controller.getState()).toMatchObject({ status: 'declined', decline: 'CANCELLED' }));
  });

  it('a session left early (dispose) is cancelled at pasby: its seeds are void', async () => {
    const { controller, view } = widget();
    controller.start();
    await until(() => expect(view().showQr).toBe(true));
    const { seeds = [], handle } = created.at(-1)!;
    controller.dispose();
    const mine = () => cancelled.filter((c) => c.url === `/api/pasby/session/${encodeURIComponent(handle)}/cancel`);
    await until(() => expect(mine()).toHaveLength(1));
    expect(mine()[0]).toMatchObject({ status: 200, body: { status: 'declined', declineReason: 'CANCELLED' } });
    // The first scan of any seed would pick an open flow up: this one is void.
    expect((await wallet('scan', { persona: 'amina', seed: seeds[0] })).status).toBe(409);
  });
});
