/**
 * Which claims each permission releases (docs/bridge-api.md, "Permissions and claims"), so the
 * proxy can show the browser only the claims of the permissions it allows, whatever PASSID
 * answered. `corridor` and `decision` come with every set of claims.
 *
 * The same table is in `apps/sandbox/src/fixtures.ts`: it belongs in `@passid/core/wire` (the
 * contract), where both should import it from once the core's refactor allows.
 */
import type { Permission } from '@passid/core';

export const PERMISSION_CLAIMS: Readonly<Record<Permission, readonly string[]>> = {
  full_score: ['fsi_score', 'fsi_low', 'fsi_high', 'tier', 'confidence', 'p_stable'],
  income_verified: ['income_verified', 'income_band'],
  identity_verified: ['identity_verified'],
  sanctions_clear: ['sanctions_clear'],
  payment_reliability: ['payment_reliability'],
  savings_consistency: ['savings_consistency'],
  fraud_risk: ['fraud_risk'],
};

const ALWAYS = ['corridor', 'decision'];

/** Returns a filter that keeps the claims of `permissions` (and `corridor`, `decision`). */
export function claimsFilter(permissions: readonly Permission[]): (claims: unknown) => unknown {
  const keep = new Set([...ALWAYS, ...permissions.flatMap((p) => PERMISSION_CLAIMS[p])]);
  return (claims) => {
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return claims;
    return Object.fromEntries(Object.entries(claims).filter(([key]) => keep.has(key)));
  };
}
