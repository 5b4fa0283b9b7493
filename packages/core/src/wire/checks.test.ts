/**
 * The browser's response checks are specs generated from the valibot schemas
 * (`pnpm gen:checks`), walked by `conform`. These tests keep the two from drifting apart: the
 * committed file is what the generator writes today, and on thousands of mutated answers
 * `conform` and valibot give the same verdict and the same output.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { generateChecks, OUTPUT, PASBY_OUTPUT, specOf } from '../../scripts/gen-checks.mjs';
import {
  isPasbySessionCreated,
  isPasbySessionView,
  PasbySessionCreatedSpec,
  PasbySessionViewSpec,
} from '../providers/pasby/wire/checks.gen.js';
import { PasbySessionCreatedSchema, PasbySessionViewSchema } from '../providers/pasby/wire/schemas.js';
import type { PasbySessionCreated, PasbySessionView } from '../providers/pasby/wire/schemas.js';
import { CLAIMS_A, createdBody, statusBody } from '../test/bridge.js';
import {
  CLAIM_KEYS,
  CreateRequestResponseSpec,
  ErrorEnvelopeSpec,
  isCreateRequestResponse,
  isErrorEnvelope,
  isRequestStatusResponse,
  isVerifyResponse,
  RequestStatusResponseSpec,
  VerifyResponseSpec,
} from './checks.gen.js';
import { conform } from './conform.js';
import type { Spec } from './conform.js';
import { ISO_TIMESTAMP } from './constants.js';
import type { CreateRequestResponse, ErrorEnvelope, RequestStatusResponse, VerifyResponse } from './schemas.js';
import {
  ClaimsSchema,
  CreateRequestResponseSchema,
  ErrorEnvelopeSchema,
  RequestStatusResponseSchema,
  VerifyResponseSchema,
} from './schemas.js';

const NOW = Date.parse('2026-11-23T14:00:00Z');

describe('checks.gen.ts', () => {
  it('is what the generator writes from schemas.ts today (run `pnpm gen:checks` after changing a schema)', async () => {
    expect(readFileSync(OUTPUT, 'utf8')).toBe(await generateChecks());
  });

  it('pasby: providers/pasby/wire/checks.gen.ts is what the generator writes from the schemas beside it', async () => {
    expect(readFileSync(PASBY_OUTPUT, 'utf8')).toBe(await generateChecks('pasby'));
  });

  it('types each guard with its schema\'s output', () => {
    expectTypeOf(isCreateRequestResponse).guards.toEqualTypeOf<CreateRequestResponse>();
    expectTypeOf(isRequestStatusResponse).guards.toEqualTypeOf<RequestStatusResponse>();
    expectTypeOf(isVerifyResponse).guards.toEqualTypeOf<VerifyResponse>();
    expectTypeOf(isErrorEnvelope).guards.toEqualTypeOf<ErrorEnvelope>();
    expectTypeOf(isVerifyResponse).guards.not.toBeAny();
    expectTypeOf(isPasbySessionCreated).guards.toEqualTypeOf<PasbySessionCreated>();
    expectTypeOf(isPasbySessionView).guards.toEqualTypeOf<PasbySessionView>();
  });

  it('knows the same claim keys as ClaimsSchema', () => {
    expect([...CLAIM_KEYS]).toEqual(Object.keys(ClaimsSchema.entries));
  });

  it.each([
    ['a v.check (it would vanish)', v.object({ a: v.pipe(v.string(), v.check((x) => x.length < 3)) }), /action check/],
    ['a transform', v.object({ a: v.pipe(v.number(), v.transform(String)) }), /action transform/],
    ['a regex flag', v.object({ a: v.pipe(v.string(), v.regex(/^abc$/i)) }), /regex flags \(i\)/],
    ['a variant', v.variant('k', [v.object({ k: v.literal(1) })]), /type variant/],
    ['a length check', v.object({ a: v.pipe(v.string(), v.minLength(2)) }), /action min_length/],
    ['a bound on a string', v.object({ a: v.pipe(v.string(), v.minValue('a')) }), /min_value does not compile on a string/],
    ['an integer check', v.object({ a: v.pipe(v.number(), v.integer()) }), /action integer/],
    ['a nullable', v.object({ a: v.nullable(v.string()) }), /type nullable/],
    ['a union without a literal key', v.union([v.string(), v.number()]), /literal key/],
    ['an optional default', v.object({ a: v.optional(v.string(), 'x') }), /defaults/],
    ['an array of objects', v.object({ a: v.array(v.object({ b: v.string() })) }), /arrays of plain values/],
  ])('the generator refuses %s instead of compiling it away', (_name, schema, message) => {
    expect(() => specOf(schema)).toThrow(message);
  });
});

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Values that sit on the edges of the schemas: ranges, enums, timestamps, wrong types. */
const edgy: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    299, 300, 850, 851, -0.01, 0, 0.5, 1, 1.01, 100, 100.5, -1, 1e21,
    'pending', 'completed', 'declined', 'expired', 'weird', 'A', 'E', 'F', 'low', 'high', 'extreme',
    'wildcard', 'same-device', 'different-device', 'CANCELLED', 'https://open.pasby.africa/app/?id=1', 'javascript:alert(1)', 'pasby://aa-vi(bb)',
    'approved', 'review', 'TOKEN_EXPIRED', 'HARD_DENY_SANCTIONS_MATCH', 'NOPE', 'full_score', 'share_token',
    '2026-11-23T14:00:00Z', '2026-11-23T14:00:00.123456+01:00', '2026-11-23 14:00:00+0100',
    '2026-11-23T14:00:00 +00:00', '2026-11-23T14:00:00+01', '2026-13-01T00:00:00Z', '2026-11-23', '',
    true, false, null, [], {}, ['full_score'], ['nope'], { code: 'X', message: 'Y' },
  ),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
);

/** Every path to a value inside `value` (the root included). */
function paths(value: Json, at: (string | number)[] = []): (string | number)[][] {
  const here = [at];
  if (Array.isArray(value)) return here.concat(...value.map((item, i) => paths(item, [...at, i])));
  if (value && typeof value === 'object') {
    return here.concat(...Object.entries(value).map(([key, item]) => paths(item, [...at, key])));
  }
  return here;
}

/** A deep copy of `base` with up to three values replaced, removed or added. */
function mutated(base: Json): fc.Arbitrary<Json> {
  const mutation = fc.tuple(fc.nat(), fc.constantFrom('replace', 'delete', 'add'), fc.string({ maxLength: 12 }), edgy);
  return fc.array(mutation, { maxLength: 3 }).map((steps) => {
    let root = structuredClone(base);
    for (const [pick, op, key, shared] of steps) {
      const value = structuredClone(shared); // constants are shared between runs: never mutate them
      const all = paths(root);
      const path = all[pick % all.length] ?? [];
      if (path.length === 0) {
        if (op === 'replace') root = value;
        continue;
      }
      const parent = path.slice(0, -1).reduce<Json>((node, step) => (node as Record<string, Json>)[step] as Json, root);
      const last = path[path.length - 1] as string;
      const target = parent as Record<string, Json>;
      if (op === 'delete' && !Array.isArray(parent)) delete target[last];
      else if (op === 'add' && parent && typeof parent === 'object' && !Array.isArray(parent)) target[key] = value;
      else target[last] = value;
    }
    return root;
  });
}

const claims = CLAIMS_A as unknown as Json;
const cases: [string, v.GenericSchema, (value: unknown) => boolean, Spec, Json[]][] = [
  ['CreateRequestResponse', CreateRequestResponseSchema, isCreateRequestResponse, CreateRequestResponseSpec, [createdBody(NOW)]],
  [
    'RequestStatusResponse',
    RequestStatusResponseSchema,
    isRequestStatusResponse,
    RequestStatusResponseSpec,
    [
      statusBody('pending', NOW),
      statusBody('completed', NOW, { claims, verifiedAt: '2026-11-23T14:00:00Z', token: 'PASSID-AB3X-7YQM-AB3X-7YQM' }),
      statusBody('declined', NOW, { declineReason: 'CUSTOMER_DECLINED' }),
    ] as Json[],
  ],
  [
    'VerifyResponse',
    VerifyResponseSchema,
    isVerifyResponse,
    VerifyResponseSpec,
    [
      { verified: true, token: 'T', claims, proofType: 'share_token', verifiedAt: '2026-11-23T14:00:00Z' },
      { verified: false, token: 'T', denyReason: 'TOKEN_EXPIRED' },
    ],
  ],
  ['ErrorEnvelope', ErrorEnvelopeSchema, isErrorEnvelope, ErrorEnvelopeSpec, [{ error: { code: 'RATE_LIMITED', message: 'Slow down.' } }]],
  [
    'PasbySessionCreated',
    PasbySessionCreatedSchema,
    isPasbySessionCreated,
    PasbySessionCreatedSpec,
    [
      { handle: 'h.m', mode: 'wildcard', seeds: ['pasby://aa-vi(bb)', 'pasby://cc-vi(dd)'], expiresAt: '2026-11-23T14:06:00Z', serverTime: '2026-11-23T14:00:00Z' },
      { handle: 'h.m', mode: 'same-device', link: 'https://open.pasby.africa/app/?mode=identification&id=req_1-ABCD&source=mobile', expiresAt: '2026-11-23T14:06:00Z', serverTime: '2026-11-23T14:00:00Z' },
    ],
  ],
  [
    'PasbySessionView',
    PasbySessionViewSchema,
    isPasbySessionView,
    PasbySessionViewSpec,
    [
      { handle: 'h.m', status: 'pending', pickedUp: true, expiresAt: '2026-11-23T14:06:00Z', serverTime: '2026-11-23T14:00:00Z' },
      {
        handle: 'h.m', status: 'completed', pickedUp: true, expiresAt: '2026-11-23T14:06:00Z', serverTime: '2026-11-23T14:00:00Z',
        claims: { naming: { given: 'Amina', family: 'Wanjiru' }, contact: { email: 'a@example.com' }, bio: { birthdate: '1990-04-12' }, nationality: { primary: 'KE' } },
      },
      { handle: 'h.m', status: 'declined', pickedUp: false, expiresAt: '2026-11-23T14:06:00Z', serverTime: '2026-11-23T14:00:00Z', declineReason: 'CANCELLED' },
    ],
  ],
];

/** Same verdict (the guard's and `conform`'s), and for a valid answer exactly valibot's output. */
function agree(schema: v.GenericSchema, check: (value: unknown) => boolean, spec: Spec, value: unknown): boolean {
  const parsed = v.safeParse(schema, value);
  expect(check(value)).toBe(parsed.success);
  const kept = conform(value, spec);
  expect(kept !== undefined).toBe(parsed.success);
  if (parsed.success) expect(kept).toStrictEqual(parsed.output);
  return parsed.success;
}

describe.each(cases)('%s: conform and valibot agree', (_name, schema, check, spec, bases) => {
  it('on the valid answers', () => {
    for (const base of bases) expect(agree(schema, check, spec, base)).toBe(true);
  });

  it('on 3,000 mutated answers and arbitrary JSON, verdict and output', () => {
    let rejected = 0;
    fc.assert(
      fc.property(fc.oneof(...bases.map(mutated), edgy), (value) => {
        if (!agree(schema, check, spec, value)) rejected += 1;
      }),
      { numRuns: 3000, seed: 0x9a551d },
    );
    // The mutations really break answers (the property is not vacuous).
    expect(rejected).toBeGreaterThan(300);
  });

  it('on numbers JSON turns into Infinity, and on an own __proto__ key', () => {
    for (const base of bases) {
      const text = JSON.stringify(base);
      for (const [pattern, replacement] of [
        [/"fsi_low":\d+/, '"fsi_low":1e400'],
        [/"fsi_high":\d+/, '"fsi_high":-1e999'],
        [/^\{/, '{"__proto__":{"polluted":true},'],
      ] as const) {
        if (!pattern.test(text)) continue;
        const value: unknown = JSON.parse(text.replace(pattern, replacement));
        agree(schema, check, spec, value);
        if (check(value)) expect(Object.getPrototypeOf(conform(value, spec))).toBe(Object.prototype);
      }
    }
  });
});

it('an approved verify answer with fsi_low 1e400 (Infinity) is refused by both', () => {
  const text = JSON.stringify({ verified: true, token: 'T', claims, proofType: 'share_token', verifiedAt: '2026-11-23T14:00:00Z' });
  const value: unknown = JSON.parse(text.replace(/"fsi_low":\d+/, '"fsi_low":1e400'));
  expect(isVerifyResponse(value)).toBe(false);
  expect(v.is(VerifyResponseSchema, value)).toBe(false);
});

describe('ISO_TIMESTAMP', () => {
  const two = (max: number, min = 0) => fc.integer({ min, max }).map((n) => String(n).padStart(2, '0'));
  const timestamp = fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
      two(12, 1),
      two(31, 1),
      fc.constant('T'),
      two(23),
      two(59),
      two(59),
      fc.option(fc.stringMatching(/^\d{1,9}$/), { nil: undefined }),
      fc.oneof(fc.constant('Z'), fc.tuple(fc.constantFrom('+', '-'), two(23), fc.constant(':'), two(59)).map((p) => p.join(''))),
    )
    .map(([y, mo, d, t, h, mi, s, frac, zone]) => `${y}-${mo}-${d}${t}${h}:${mi}:${s}${frac ? `.${frac}` : ''}${zone}`);

  it('every string of the form is one Date.parse reads', () => {
    fc.assert(
      fc.property(timestamp, (text) => {
        expect(ISO_TIMESTAMP.test(text)).toBe(true);
        expect(Number.isNaN(Date.parse(text))).toBe(false);
      }),
      { numRuns: 5000, seed: 7 },
    );
  });

  it.each([
    '2026-11-23T14:00:00 +00:00',
    '2026-11-23T14:00:00+01',
    '2026-11-23T14:00:00+0100',
    '2026-11-23 14:00:00Z',
    '2026-11-23T14:00Z',
    '2026-11-23',
    '23/11/2026 14:00',
  ])(
    'refuses %s',
    (text) => {
      expect(ISO_TIMESTAMP.test(text)).toBe(false);
    },
  );
});
