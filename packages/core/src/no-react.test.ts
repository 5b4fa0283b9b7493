/**
 * Proves the core needs no React: importing the whole public index and running a flow
 * with React mocked to throw, and no module of the core naming React or the DOM at import.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('react', () => {
  throw new Error('react imported');
});
vi.mock('react-dom', () => {
  throw new Error('react-dom imported');
});

describe('no React in the core', () => {
  it('imports the whole index and runs a token flow', async () => {
    const core = await import('./index.js');
    const fetch = (async () =>
      new Response(JSON.stringify({ verified: false, token: 'X', denyReason: 'TOKEN_EXPIRED' }), { status: 200 })) as typeof globalThis.fetch;
    const controller = core.createPassidController({ apiKey: 'sk_sandbox_demo', fetch, createIdempotencyKey: () => 'k' });
    controller.submitToken('EXPD-TOKN-0001');
    await vi.waitFor(() => expect(controller.getState().status).toBe('declined'));
    expect(core.connect(controller.getState()).declineText).toMatch(/expired/);
    controller.dispose();
  });

  it('imports the pasby entry and starts a session', async () => {
    const pasby = await import('./providers/pasby/index.js');
    const now = Date.now();
    const created = { handle: 'h.m', mode: 'wildcard', seeds: ['pasby://a'], expiresAt: new Date(now + 360_000).toISOString(), serverTime: new Date(now).toISOString() };
    const pending = { handle: 'h.m', status: 'pending', pickedUp: false, expiresAt: created.expiresAt, serverTime: created.serverTime };
    const fetch = (async (_url: unknown, init?: RequestInit) =>
      new Response(JSON.stringify(init?.method === 'POST' ? created : pending), { status: 200 })) as typeof globalThis.fetch;
    const controller = pasby.createPasbyController({ endpoint: '/api/pasby', fetch, watch: 'poll', pollIntervalMs: 60_000 });
    controller.start();
    await vi.waitFor(() => expect(controller.getState().status).toBe('awaiting'));
    expect(pasby.connectPasby(controller.getState()).qrValue).toBe('pasby://a');
    controller.dispose();
  });

  it('no source file imports react or zustand’s React entry', () => {
    const dir = new URL('.', import.meta.url).pathname;
    const files = (readdirSync(dir, { recursive: true }) as string[]).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
    );
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text, file).not.toMatch(/from ['"](react|react-dom)(\/[^'"]*)?['"]/);
      expect(text, file).not.toMatch(/from ['"]zustand['"]/);
    }
  });
});
