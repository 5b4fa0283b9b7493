/** Absolute path of `src/wire/checks.gen.ts`. */
export declare const OUTPUT: string;
/** The source `src/wire/checks.gen.ts` should have, generated from `src/wire/schemas.ts`. */
export declare function generateChecks(): Promise<string>;
/**
 * The spec of a valibot schema for `conform`; throws on anything a spec would not reproduce
 * exactly (a `v.check`, a transform, a regex flag, a variant…).
 */
export declare function specOf(schema: unknown, at?: string): unknown;
