/** Absolute path of `src/wire/checks.gen.ts`. */
export declare const OUTPUT: string;
/** The source `src/wire/checks.gen.ts` should have, compiled from `src/wire/schemas.ts`. */
export declare function generateChecks(): Promise<string>;
