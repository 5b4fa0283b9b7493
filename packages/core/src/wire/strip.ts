/**
 * `strip(value, shape)`: the part of a checked answer the contract knows, as valibot's output
 * would hold it. Objects keep only their schema's keys (a newer server's extra fields, or an
 * own `__proto__` key, are dropped); a union follows the option its literal key names.
 * The shapes are generated beside the checks (`checks.gen.ts`).
 */

/** `0`: kept as it is; `{ key: shape }`: an object; `[key, [[literal, shape], …]]`: a union told apart by `key`. */
export type Shape =
  | 0
  | { readonly [key: string]: Shape }
  | readonly [key: string, options: readonly (readonly [literal: string | number | boolean, shape: Shape])[]];

/** Copies what `shape` names out of `value`, which its compiled check has accepted. */
export function strip<T>(value: T, shape: Shape): T {
  const from = value as Record<string, unknown>;
  if (shape === 0 || typeof from !== 'object' || from === null) return value;
  if (Array.isArray(shape)) {
    const [key, options] = shape as Extract<Shape, readonly unknown[]>;
    const option = options.find(([literal]) => literal === from[key]);
    return option ? strip(value, option[1]) : value;
  }
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(shape)) {
    if (from[key] !== undefined) out[key] = strip(from[key], inner);
  }
  return out as T;
}
