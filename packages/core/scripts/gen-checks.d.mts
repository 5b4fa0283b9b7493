/** Absolute path of `src/wire/checks.gen.ts`. */
export declare const OUTPUT: string;
/** The source `src/wire/checks.gen.ts` should have, compiled from `src/wire/schemas.ts`. */
export declare function generateChecks(): Promise<string>;
/**
 * The output shape of a valibot schema for `strip`; throws on anything the compiled checks
 * would not reproduce (a `v.check`, a transform, a regex flag, a variant…).
 */
export declare function shapeOf(schema: unknown, at?: string): unknown;
