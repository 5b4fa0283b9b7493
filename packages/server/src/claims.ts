/**
 * Which claims the proxy shows the browser: only those of the permissions it allows (the
 * contract's `PERMISSION_CLAIMS`), whatever PASSID answered, plus `corridor` and `decision`.
 */
import { ALWAYS_CLAIMS, PERMISSION_CLAIMS, type Permission } from '@passid/core/wire';

/** Returns a filter that keeps the claims of `permissions` (and `corridor`, `decision`). */
export function claimsFilter(permissions: readonly Permission[]): (claims: unknown) => unknown {
  const keep = new Set<string>([...ALWAYS_CLAIMS, ...permissions.flatMap((p) => PERMISSION_CLAIMS[p])]);
  return (claims) => {
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return claims;
    return Object.fromEntries(Object.entries(claims).filter(([key]) => keep.has(key)));
  };
}
