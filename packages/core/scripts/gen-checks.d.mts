/** Absolute path of `src/wire/checks.gen.ts`. */
export declare const OUTPUT: string;
/** Absolute path of `src/providers/pasby/wire/checks.gen.ts`. */
export declare const PASBY_OUTPUT: string;
/**
 * The source a generated file should have: `passid` (the default) is `src/wire/checks.gen.ts`
 * from `src/wire/schemas.ts`; `pasby` is `src/providers/pasby/wire/checks.gen.ts` from the
 * schemas beside it.
 */
export declare function generateChecks(target?: 'passid' | 'pasby'): Promise<string>;
/**
 * The spec of a valibot schema for `conform`; throws on anything a spec would not reproduce
 * exactly (a `v.check`, a transform, a regex flag, a variant…).
 */
export declare function specOf(schema: unknown, at?: string): unknown;
