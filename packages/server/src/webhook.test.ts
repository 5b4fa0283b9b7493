import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  computeSignature,
  constantTimeEqual,
  verifyWebhook,
  type VerifyWebhookOptions,
} from './webhook.js';
import { PassidConfigError, WebhookVerificationError, type WebhookVerificationReason } from './errors.js';

const SECRET = 'whsec_test_secret';
const NOW = Date.parse('2026-11-23T14:00:00.000Z');

function makeEvent(createdAt = new Date(NOW).toISOString()) {
  return {
    id: 'evt_123',
    type: 'verification.completed',
    createdAt,
    institutionId: 'inst_demo',
    data: { token: 'KE8V-3TXY-Z72L', claims: { tier: 'A', fsi_score: 812 } },
  };
}

function signed(body: string, secret = SECRET) {
  return { rawBody: body, signature: computeSignature(secret, body), secret, now: () => NOW };
}

function reasonOf(options: VerifyWebhookOptions): WebhookVerificationReason | 'no error' {
  try {
    verifyWebhook(options);
    return 'no error';
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error.reason;
    throw error;
  }
}

describe('computeSignature', () => {
  it('matches the public GitHub HMAC-SHA256 test vector', () => {
    expect(computeSignature("It's a Secret to Everybody", 'Hello, World!')).toBe(
      'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
    );
  });

  it('gives the same signature for a string, a Buffer and a Uint8Array view of the same bytes', () => {
    const body = JSON.stringify(makeEvent());
    const bytes = Buffer.from(`xx${body}yy`);
    const view = new Uint8Array(bytes.buffer, bytes.byteOffset + 2, Buffer.byteLength(body));
    expect(computeSignature(SECRET, Buffer.from(body))).toBe(computeSignature(SECRET, body));
    expect(computeSignature(SECRET, view)).toBe(computeSignature(SECRET, body));
  });
});

describe('constantTimeEqual', () => {
  it('returns false for different lengths instead of throwing', () => {
    expect(constantTimeEqual(Buffer.from('abc'), Buffer.from('abcd'))).toBe(false);
    expect(constantTimeEqual(Buffer.from('abcd'), Buffer.from('abcd'))).toBe(true);
    expect(constantTimeEqual(Buffer.from('abce'), Buffer.from('abcd'))).toBe(false);
  });
});

describe('verifyWebhook', () => {
  const body = JSON.stringify(makeEvent());

  it('returns the typed event for a correctly signed, fresh body (string, Buffer, Uint8Array)', () => {
    const event = verifyWebhook(signed(body));
    expect(event).toEqual(makeEvent());
    const opts = signed(body);
    expect(verifyWebhook({ ...opts, rawBody: Buffer.from(body) }).id).toBe('evt_123');
    expect(verifyWebhook({ ...opts, rawBody: new TextEncoder().encode(body) }).type).toBe(
      'verification.completed',
    );
  });

  it('rejects a re-serialised JSON body (what express.json() + JSON.stringify would give)', () => {
    const opts = signed(body);
    const reserialised = JSON.stringify(JSON.parse(body), null, 2);
    expect(reasonOf({ ...opts, rawBody: reserialised })).toBe('SIGNATURE_MISMATCH');
  });

  it('rejects a signature made with another secret', () => {
    expect(reasonOf({ ...signed(body, 'whsec_other'), secret: SECRET })).toBe('SIGNATURE_MISMATCH');
  });

  it.each([
    ['no sha256= prefix', (sig: string) => sig.slice('sha256='.length)],
    ['another algorithm prefix', (sig: string) => sig.replace('sha256=', 'sha1=')],
    ['uppercase hex', (sig: string) => `sha256=${sig.slice(7).toUpperCase()}`],
    ['short hex', (sig: string) => sig.slice(0, -1)],
    ['long hex', (sig: string) => `${sig}0`],
    ['surrounding spaces', (sig: string) => ` ${sig} `],
    ['non-hex characters', (sig: string) => `${sig.slice(0, -1)}g`],
  ])('rejects a malformed header: %s', (_name, mutate) => {
    const opts = signed(body);
    expect(reasonOf({ ...opts, signature: mutate(opts.signature) })).toBe('MALFORMED_SIGNATURE');
  });

  it('rejects a header given as an array (sent twice)', () => {
    const opts = signed(body);
    expect(reasonOf({ ...opts, signature: [opts.signature] })).toBe('MALFORMED_SIGNATURE');
    expect(reasonOf({ ...opts, signature: [opts.signature, opts.signature] })).toBe('MALFORMED_SIGNATURE');
  });

  it('rejects a missing header', () => {
    const opts = signed(body);
    expect(reasonOf({ ...opts, signature: undefined })).toBe('MISSING_SIGNATURE');
    expect(reasonOf({ ...opts, signature: null })).toBe('MISSING_SIGNATURE');
    expect(reasonOf({ ...opts, signature: '' })).toBe('MISSING_SIGNATURE');
  });

  it('rejects a parsed body and says to use express.raw()', () => {
    const opts = signed(body);
    const parsed = JSON.parse(body) as unknown as string;
    expect(() => verifyWebhook({ ...opts, rawBody: parsed })).toThrow(/express\.raw\(\)/);
    expect(reasonOf({ ...opts, rawBody: parsed })).toBe('INVALID_BODY_TYPE');
    expect(reasonOf({ ...opts, rawBody: undefined as unknown as string })).toBe('INVALID_BODY_TYPE');
  });

  it('rejects a missing secret', () => {
    expect(reasonOf({ ...signed(body), secret: '' })).toBe('MISSING_SECRET');
    expect(reasonOf({ ...signed(body), secret: undefined as unknown as string })).toBe('MISSING_SECRET');
  });

  it('rejects a correctly signed body that is not JSON or not an event', () => {
    expect(reasonOf(signed('not json'))).toBe('INVALID_PAYLOAD');
    expect(reasonOf(signed('{"id":"evt_1"}'))).toBe('INVALID_PAYLOAD');
    expect(reasonOf(signed(JSON.stringify({ ...makeEvent(), type: 'something.else' })))).toBe(
      'INVALID_PAYLOAD',
    );
  });

  it('checks createdAt against the clock within the tolerance, both ways', () => {
    const at = (offsetMs: number) => JSON.stringify(makeEvent(new Date(NOW + offsetMs).toISOString()));
    expect(reasonOf(signed(at(-300_000)))).toBe('no error');
    expect(reasonOf(signed(at(300_000)))).toBe('no error');
    expect(reasonOf(signed(at(-301_000)))).toBe('TIMESTAMP_TOO_OLD');
    expect(reasonOf(signed(at(-86_400_000)))).toBe('TIMESTAMP_TOO_OLD');
    expect(reasonOf(signed(at(301_000)))).toBe('TIMESTAMP_IN_FUTURE');
    expect(reasonOf({ ...signed(at(-3_600_000)), toleranceSeconds: 7200 })).toBe('no error');
    expect(reasonOf({ ...signed(at(-60_000)), toleranceSeconds: 30 })).toBe('TIMESTAMP_TOO_OLD');
  });

  it('never accepts an event whose age cannot be computed (NaN createdAt or clock)', () => {
    const body = (createdAt: string) => JSON.stringify(makeEvent(createdAt));
    for (const createdAt of ['not a date', '2026-13-45T99:99:99.000Z', '']) {
      expect(reasonOf(signed(body(createdAt)))).toBe('INVALID_PAYLOAD');
    }
    const fresh = body(new Date(NOW).toISOString());
    for (const now of [Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => verifyWebhook({ ...signed(fresh), now: () => now })).toThrow(PassidConfigError);
    }
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, '300' as unknown as number])(
    'refuses toleranceSeconds %s: the check cannot be switched off',
    (toleranceSeconds) => {
      expect(() => verifyWebhook({ ...signed(body), toleranceSeconds })).toThrow(PassidConfigError);
    },
  );

  it('never puts the secret in an error message', () => {
    try {
      verifyWebhook({ ...signed(body, 'whsec_other'), secret: SECRET });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain(SECRET);
      expect(JSON.stringify(error)).not.toContain(SECRET);
      expect(JSON.stringify(error)).toContain('SIGNATURE_MISMATCH');
    }
  });

  it('rejects every random mutation of the body or the signature (10,000 runs)', () => {
    const bodyBytes = Buffer.from(body);
    const signature = computeSignature(SECRET, bodyBytes);
    const hex = '0123456789abcdef';
    const bodyMutation = fc.oneof(
      // flip some bits of one byte
      fc.record({
        kind: fc.constant('flip' as const),
        at: fc.nat({ max: bodyBytes.length - 1 }),
        mask: fc.integer({ min: 1, max: 255 }),
      }),
      // insert a byte
      fc.record({
        kind: fc.constant('insert' as const),
        at: fc.nat({ max: bodyBytes.length }),
        mask: fc.integer({ min: 0, max: 255 }),
      }),
      // delete a byte
      fc.record({
        kind: fc.constant('delete' as const),
        at: fc.nat({ max: bodyBytes.length - 1 }),
        mask: fc.constant(0),
      }),
    );
    const signatureMutation = fc.record({
      kind: fc.constant('signature' as const),
      at: fc.nat({ max: signature.length - 1 }),
      mask: fc.integer({ min: 1, max: 15 }),
    });

    fc.assert(
      fc.property(fc.oneof(bodyMutation, signatureMutation), ({ kind, at, mask }) => {
        let raw: Buffer = bodyBytes;
        let sig = signature;
        if (kind === 'flip') {
          raw = Buffer.from(bodyBytes);
          raw[at] = (raw[at] ?? 0) ^ mask;
        } else if (kind === 'insert') {
          raw = Buffer.concat([bodyBytes.subarray(0, at), Buffer.from([mask]), bodyBytes.subarray(at)]);
        } else if (kind === 'delete') {
          raw = Buffer.concat([bodyBytes.subarray(0, at), bodyBytes.subarray(at + 1)]);
        } else {
          const old = sig[at] ?? '';
          const index = hex.indexOf(old);
          const replacement = index >= 0 ? hex[(index + mask) % 16] : 'x';
          sig = sig.slice(0, at) + replacement + sig.slice(at + 1);
        }
        const reason = reasonOf({ rawBody: raw, signature: sig, secret: SECRET, now: () => NOW });
        return reason === 'SIGNATURE_MISMATCH' || reason === 'MALFORMED_SIGNATURE';
      }),
      { numRuns: 10_000 },
    );
  });
});
