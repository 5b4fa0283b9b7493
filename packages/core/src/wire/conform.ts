/**
 * `conform(value, spec)`: checks a parsed JSON answer against a spec generated from the
 * valibot wire schemas (`checks.gen.ts`, by `pnpm gen:checks`) and returns what valibot's
 * output would hold: the same verdict (a property test holds the two equal), and only the
 * keys the contract knows (a newer server's extra fields, or an own `__proto__` key, are
 * dropped). `undefined` when the answer breaks the contract.
 *
 * A spec is data, not code: the browser ships one small walker and the specs, not valibot.
 */

/** A value spec: what the generator writes from a valibot schema. */
export type Spec =
  /** Any string. */
  | 's'
  /** A boolean. */
  | 'b'
  /** An object: only these keys are kept (arrays pass, as with valibot's `object`). */
  | { readonly [key: string]: Spec }
  /** A string matching the pattern. */
  | readonly ['s', RegExp]
  /** A number (never NaN); `finite` refuses ±Infinity; then the bounds, inclusive. */
  | readonly ['n', finite: 0 | 1, min?: number, max?: number]
  /** Exactly this value. */
  | readonly ['l', unknown]
  /** One of these values. */
  | readonly ['p', readonly unknown[]]
  /** An array of plain values, each matching the spec. */
  | readonly ['a', Spec]
  /** Absent (undefined), or matching the spec. */
  | readonly ['?', Spec]
  /** Objects told apart by the value of `key`: the option whose literal it holds. */
  | readonly ['u', key: string, options: readonly (readonly [literal: unknown, spec: Spec])[]];

const NO: unique symbol = Symbol();

function walk(value: unknown, spec: Spec): unknown {
  const v = value as Record<string, unknown>;
  if (spec === 's' || spec === 'b') return typeof value === (spec === 's' ? 'string' : 'boolean') ? value : NO;
  if (!Array.isArray(spec)) {
    if (typeof value !== 'object' || value === null) return NO;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(spec)) {
      const kept = walk(v[key], (spec as Record<string, Spec>)[key] as Spec);
      if (kept === NO) return NO;
      if (kept !== undefined) out[key] = kept;
    }
    return out;
  }
  const [kind, a, b, c] = spec as unknown as readonly [string, never, never, never];
  switch (kind) {
    case '?':
      return value === undefined ? value : walk(value, a);
    case 's':
      return typeof value === 'string' && (a as RegExp).test(value) ? value : NO;
    case 'n':
      return typeof value === 'number' && value === value && (!a || Number.isFinite(value)) && !(value < b) && !(value > c) ? value : NO;
    case 'l':
      return value === a ? value : NO;
    case 'p':
      return (a as readonly unknown[]).includes(value) ? value : NO;
    case 'a':
      return Array.isArray(value) && value.every((item) => walk(item, a) !== NO) ? value : NO;
    default: {
      // 'u'
      const option = typeof value === 'object' && value !== null && (b as readonly (readonly [unknown, Spec])[]).find(([literal]) => literal === v[a]);
      return option ? walk(value, option[1]) : NO;
    }
  }
}

/** What the contract knows of `value`, or `undefined` when `value` breaks it (top-level specs are objects). */
export function conform<T>(value: unknown, spec: Spec): T | undefined {
  const kept = walk(value, spec);
  return kept === NO ? undefined : (kept as T);
}
