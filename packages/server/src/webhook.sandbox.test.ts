import { describe, expect, it } from 'vitest';
import { signWebhookPayload } from '@passid/sandbox';
import { computeSignature, verifyWebhook } from './webhook.js';

describe('verifyWebhook with signatures made by the sandbox signer', () => {
  const secret = 'whsec_sandbox_made';
  const now = Date.parse('2026-11-23T14:00:00.000Z');
  const raw = JSON.stringify({
    id: 'evt_abc',
    type: 'outcome.reported',
    createdAt: '2026-11-23T13:59:30.000Z',
    institutionId: 'inst_demo',
    data: { token: 'KE8V-3TXY-Z72L', outcome: 'repaid' },
  });

  it('agrees with the sandbox signer and verifies its signatures', () => {
    const signature = signWebhookPayload(secret, raw);
    expect(computeSignature(secret, raw)).toBe(signature);
    expect(verifyWebhook({ rawBody: Buffer.from(raw), signature, secret, now: () => now })).toMatchObject({
      id: 'evt_abc',
      type: 'outcome.reported',
    });
  });

  it('rejects the sandbox-signed event once re-serialised', () => {
    const signature = signWebhookPayload(secret, raw);
    const pretty = JSON.stringify(JSON.parse(raw), null, 2);
    expect(() => verifyWebhook({ rawBody: pretty, signature, secret, now: () => now })).toThrow(
      expect.objectContaining({ reason: 'SIGNATURE_MISMATCH' }),
    );
  });
});
