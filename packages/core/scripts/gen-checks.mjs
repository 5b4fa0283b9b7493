#!/usr/bin/env node
// Compiles the browser's response checks from the valibot wire schemas, at build time.
//
// The valibot schemas in src/wire/schemas.ts stay the one source of truth (the sandbox and
// @passid/server validate with them at run time). For the browser, TypeBox's adapter turns
// each schema into a TypeBox type and TypeBox's compiler turns that into one plain boolean
// expression. The result, src/wire/checks.gen.ts, needs no library, no `eval` and no
// `new Function` at run time (it works under a strict CSP), and costs the bundle about 1 KB
// gzipped where valibot and the schemas cost 2.6 KB.
//
// Usage: pnpm gen:checks            rewrite src/wire/checks.gen.ts
//        pnpm gen:checks --check    exit 1 if the committed file is stale (the tests do this too)
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Box } from '@sinclair/typebox-adapter';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { TypeSystemPolicy } from '@sinclair/typebox/system';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
export const OUTPUT = here('../src/wire/checks.gen.ts');

/** What is compiled: output type → the schema export of schemas.ts. */
const TYPES = {
  CreateRequestResponse: 'CreateRequestResponseSchema',
  RequestStatusResponse: 'RequestStatusResponseSchema',
  VerifyResponse: 'VerifyResponseSchema',
  ErrorEnvelope: 'ErrorEnvelopeSchema',
};

/** Schema types and pipe actions the compiled checks reproduce exactly. */
const LEAF_TYPES = new Set(['string', 'number', 'boolean', 'literal', 'picklist']);
const ACTIONS = new Set(['regex', 'min_value', 'max_value', 'finite']);

/**
 * Walks a valibot schema: throws on anything the compiler would drop silently (a `v.check`,
 * a transform, a regex flag…), and returns its output shape for `strip` (`wire/strip.ts`):
 * `0` for a value kept as it is, `{ key: shape }` for an object (only these keys are kept),
 * `[key, [[literal, shape], …]]` for a union of objects told apart by the literal `key`.
 */
export function shapeOf(schema, at = '') {
  const where = at || 'the root';
  for (const action of schema.pipe?.slice(1) ?? []) {
    if (!ACTIONS.has(action.type)) throw new Error(`gen-checks: ${where}: the action ${action.type} does not compile`);
    if (action.type === 'regex' && action.requirement.flags) {
      throw new Error(`gen-checks: ${where}: regex flags (${action.requirement.flags}) do not compile`);
    }
  }
  switch (schema.type) {
    case 'optional':
      if (schema.default !== undefined) throw new Error(`gen-checks: ${where}: optional defaults do not compile`);
      return shapeOf(schema.wrapped, at);
    case 'array':
      if (shapeOf(schema.item, `${at}[]`) !== 0) throw new Error(`gen-checks: ${where}: only arrays of plain values`);
      return 0;
    case 'object':
      return Object.fromEntries(Object.entries(schema.entries).map(([key, entry]) => [key, shapeOf(entry, `${at}.${key}`)]));
    case 'union': {
      // Objects told apart by a literal key (TypeBox's adapter compiles unions, not variants).
      const [first] = schema.options;
      const key = Object.keys(first?.entries ?? {}).find((k) =>
        schema.options.every((option) => option.type === 'object' && option.entries[k]?.type === 'literal'),
      );
      if (!key) throw new Error(`gen-checks: ${where}: a union must be of objects told apart by a literal key`);
      return [key, schema.options.map((option) => [option.entries[key].literal, shapeOf(option, at)])];
    }
    default:
      if (LEAF_TYPES.has(schema.type)) return 0;
      throw new Error(`gen-checks: ${where}: the schema type ${schema.type} does not compile`);
  }
}

/** Loads src/wire/schemas.ts (TypeScript) through esbuild, valibot bundled in. */
async function loadSchemas() {
  const result = await build({
    entryPoints: [here('../src/wire/schemas.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'error',
  });
  const url = `data:text/javascript;base64,${Buffer.from(result.outputFiles[0].contents).toString('base64')}`;
  return import(url);
}

/** The source of checks.gen.ts. */
export async function generateChecks() {
  const schemas = await loadSchemas();
  // valibot's `object` accepts any non-null object, arrays included; so must the checks, for
  // the two to accept exactly the same JSON (checks.test.ts compares them).
  TypeSystemPolicy.AllowArrayObject = true;
  const regexes = new Map(); // regex literal → shared name
  const guards = [];
  for (const [type, schemaName] of Object.entries(TYPES)) {
    const schema = schemas[schemaName];
    if (!schema) throw new Error(`gen-checks: schemas.ts has no export ${schemaName}`);
    const shape = shapeOf(schema, '');
    const code = TypeCompiler.Code(Box(schema), [], { language: 'javascript' });
    // The adapter falls back to calling valibot at run time for what it cannot map.
    if (/\bkind\(/.test(code)) throw new Error(`gen-checks: ${schemaName} does not compile to plain checks:\n${code}`);
    // TypeBox hoists each pattern as `const local_N = /…/;`: share identical ones.
    let body = code;
    for (const [, local, literal] of code.matchAll(/const (local_\d+) = (\/.*\/[a-z]*);\n/g)) {
      if (!regexes.has(literal)) regexes.set(literal, `PATTERN_${regexes.size}`);
      body = body.replace(`const ${local} = ${literal};\n`, '').replaceAll(`${local}.`, `${regexes.get(literal)}.`);
    }
    const start = 'return function check(value) {';
    if (!body.startsWith(start) || !body.trimEnd().endsWith('}')) {
      throw new Error(`gen-checks: unexpected TypeBox output for ${schemaName}:\n${code}`);
    }
    const inner = body.trimEnd().slice(start.length, -1).trim();
    guards.push(
      `/** \`${schemaName}\` compiled: true when \`value\` is a valid \`${type}\`. */\nexport function is${type}(value: unknown): value is ${type} {\n  ${inner}\n}`,
      `/** What \`strip\` keeps of a valid \`${type}\` (what valibot's output would hold). */\nexport const ${type}Shape: Shape = ${JSON.stringify(shape)};`,
    );
  }
  const claimKeys = Object.keys(schemas.ClaimsSchema.entries);
  return `// @ts-nocheck: the bodies are TypeBox's generated JavaScript; the signatures are typed.
// GENERATED by packages/core/scripts/gen-checks.mjs from ./schemas.ts. Do not edit:
// change the schemas, then run \`pnpm gen:checks\`. A test fails when this file is stale.
import type { ${Object.keys(TYPES).sort().join(', ')} } from './schemas.js';
import type { Shape } from './strip.js';

${[...regexes].map(([literal, shared]) => `const ${shared} = ${literal};`).join('\n')}

/** Keys of \`ClaimsSchema\`, in its order. */
export const CLAIM_KEYS = ${JSON.stringify(claimKeys)} as const;

${guards.join('\n\n')}
`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const source = await generateChecks();
  if (process.argv.includes('--check')) {
    const current = readFileSync(OUTPUT, 'utf8');
    if (current !== source) {
      console.error('[gen:checks] src/wire/checks.gen.ts is stale: run pnpm gen:checks');
      process.exit(1);
    }
    console.log('[gen:checks] src/wire/checks.gen.ts is up to date');
  } else {
    writeFileSync(OUTPUT, source);
    console.log(`[gen:checks] wrote ${OUTPUT}`);
  }
}
