/**
 * The Next.js example's webhook route (examples/nextjs/app/api/webhooks/passid/route.ts): its
 * `POST` called with real signed requests. The example's business logic (`lib/passid-events`)
 * is replaced, so a test can make it fail.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { computeSignature } from './webhook.js';

const work = vi.hoisted(() => ({ handlePassidEvent: vi.fn<(event: { id: string }) => Promise<void>>() }));
vi.mock('../../../examples/nextjs/lib/passid-events', () => work);

// The example resolves `@passid/server` by the test alias; its shape is declared here.
const { POST } = (await import('../../../examples/nextjs/app/api/webhooks/passid/route.ts' as string)) as {
  POST: (request: Request) => Promise<Response>;
};

const SECRET = 'whsec_nextjs_example_test';

function delivery(id: string, body?: string): Request {
  const raw = body ?? JSON.stringify({ id, type: 'verification.completed', createdAt: new Date().toISOString(), institutionId: 'inst_demo', data: { token: 'KE8V-3TXY-Z72L' } });
  return new Request('https://bank.test/api/webhooks/passid', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-passid-signature': computeSignature(SECRET, raw) },
    body: raw,
  });
}

beforeEach(() => {
  vi.stubEnv('PASSID_WEBHOOK_SECRET', SECRET);
  work.handlePassidEvent.mockReset();
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("the Next.js example's webhook route", () => {
  it('does the work before answering, and answers 500 (no record) when it fails, so the retry is processed', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    work.handlePassidEvent.mockRejectedValueOnce(new Error('the database is down')).mockResolvedValue(undefined);
    const first = await POST(delivery('evt_next_1'));
    expect(first.status).toBe(500);
    expect(work.handlePassidEvent).toHaveBeenCalledTimes(1);
    const retry = await POST(delivery('evt_next_1'));
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ received: true, duplicate: false });
    expect(work.handlePassidEvent).toHaveBeenCalledTimes(2);
    const again = await POST(delivery('evt_next_1'));
    expect(await again.json()).toEqual({ received: true, duplicate: true });
    expect(work.handlePassidEvent).toHaveBeenCalledTimes(2);
  });

  it('refuses a body over 64 KiB unread (413), and a forged one (400)', async () => {
    const big = await POST(delivery('evt_big', JSON.stringify({ id: 'evt_big', pad: 'x'.repeat(70_000) })));
    expect(big.status).toBe(413);
    const forged = new Request('https://bank.test/api/webhooks/passid', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-passid-signature': `sha256=${'0'.repeat(64)}` },
      body: '{"id":"evt_forged"}',
    });
    const refused = await POST(forged);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: 'SIGNATURE_MISMATCH' });
    expect(work.handlePassidEvent).not.toHaveBeenCalled();
  });
});
