/** The kit approves with the sandbox's own data: personas, fixture tokens and NINs stay equal. */
import { describe, expect, it } from 'vitest';
import { DENY_FIXTURES, FIXTURE_TOKENS, PERSONAS, claimsFor } from '../../../../apps/sandbox/src/fixtures.js';
import { PASBY_PERSONAS as SANDBOX_PASBY, nestClaims } from '../../../../apps/sandbox/src/pasby/fixtures.js';
import { PASBY_CLAIM_KEYS } from '@passid/core/wire';
import { PASBY_PERSONAS, PASSID_DENY_TOKENS, PASSID_FIXTURE_TOKENS, PASSID_PERSONAS } from './personas.js';

describe('the kit’s personas are the sandbox’s', () => {
  it('PASSID claims, fixture tokens and deny fixtures', () => {
    for (const [name, claims] of Object.entries(PASSID_PERSONAS)) {
      expect(claims).toEqual(claimsFor(PERSONAS[name as keyof typeof PASSID_PERSONAS].profile));
    }
    expect(PASSID_FIXTURE_TOKENS).toEqual(FIXTURE_TOKENS);
    expect(PASSID_DENY_TOKENS).toEqual(DENY_FIXTURES);
  });

  it('pasby NINs and claims', () => {
    for (const [name, persona] of Object.entries(PASBY_PERSONAS)) {
      const sandbox = SANDBOX_PASBY[name as keyof typeof PASBY_PERSONAS];
      expect(persona.nin).toBe(sandbox.nin);
      expect(persona.claims).toEqual(nestClaims(sandbox.claims, PASBY_CLAIM_KEYS, (v) => v));
    }
  });
});
