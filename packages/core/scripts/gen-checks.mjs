#!/usr/bin/env node
// Compiles the browser's response checks from the valibot wire schemas, at build time.
//
// The valibot schemas in src/wire/schemas.ts stay the one source of truth (the sandbox and
// @passid/server validate with them at run time). For the browser, each schema is turned
// into a spec: plain data that `conform` (src/wire/conform.ts, one small walker) checks an
// answer against, keeping only what the contract knows. The result, src/wire/checks.gen.ts,
// needs no library, no `eval` and no `new Function` at run time (it works under a strict
// CSP). A property test holds `conform` to valibot's verdict and output.
//
// pasby's proxy answers are compiled the same way, from src/providers/pasby/wire/schemas.ts into
// checks.gen.ts beside it, a file only the `@passid/core/pasby` entry imports.
//
// Usage: pnpm gen:checks            rewrite both generated files
//        pnpm gen:checks --check    exit 1 if a committed file is stale (the tests do this too)
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
const here = (path) => fileURLToPath(new URL(path, import.meta.url));
export const OUTPUT = here('../src/wire/checks.gen.ts');
export const PASBY_OUTPUT = here('../src/providers/pasby/wire/checks.gen.ts');

/**
 * What is compiled, per target: the schemas file, the output beside it, output type → the
 * schema export, where the output imports `conform` from (pasby: through the package itself,
 * so the walker stays in the main entry's module), and the claim keys' schema (if any).
 */
const TARGETS = {
  passid: {
    schemas: here('../src/wire/schemas.ts'),
    output: OUTPUT,
    conform: './conform.js',
    claims: 'ClaimsSchema',
    types: {
      CreateRequestResponse: 'CreateRequestResponseSchema',
      RequestStatusResponse: 'RequestStatusResponseSchema',
      VerifyResponse: 'VerifyResponseSchema',
      ErrorEnvelope: 'ErrorEnvelopeSchema',
    },
  },
  pasby: {
    schemas: here('../src/providers/pasby/wire/schemas.ts'),
    output: PASBY_OUTPUT,
    conform: '@passid/core',
    types: { PasbySessionCreated: 'PasbySessionCreatedSchema', PasbySessionView: 'PasbySessionViewSchema' },
  },
};

/** Pipe actions a spec reproduces exactly. */
const ACTIONS = new Set(['regex', 'min_value', 'max_value', 'finite']);

/**
 * Walks a valibot schema into a spec for `conform` (see `Spec` in src/wire/conform.ts), and
 * throws on anything it cannot reproduce exactly (a `v.check`, a transform, a regex flag…):
 * nothing is ever checked more loosely than valibot would.
 */
export function specOf(schema, at = '') {
  const where = at || 'the root';
  const actions = schema.pipe?.slice(1) ?? [];
  for (const action of actions) {
    if (!ACTIONS.has(action.type)) throw new Error(`gen-checks: ${where}: the action ${action.type} does not compile`);
    if (action.type === 'regex' && action.requirement.flags) {
      throw new Error(`gen-checks: ${where}: regex flags (${action.requirement.flags}) do not compile`);
    }
  }
  const base = schema.pipe ? schema.pipe[0] : schema;
  const action = (type) => actions.find((a) => a.type === type);
  const only = (...allowed) => {
    const other = actions.find((a) => !allowed.includes(a.type));
    if (other) throw new Error(`gen-checks: ${where}: the action ${other.type} does not compile on a ${base.type}`);
  };
  switch (base.type) {
    case 'optional':
      if (base.default !== undefined) throw new Error(`gen-checks: ${where}: optional defaults do not compile`);
      only();
      return ['?', specOf(base.wrapped, at)];
    case 'string': {
      only('regex');
      const regex = action('regex');
      return regex ? ['s', regex.requirement] : 's';
    }
    case 'boolean':
      only();
      return 'b';
    case 'number': {
      only('min_value', 'max_value', 'finite');
      const [min, max] = [action('min_value')?.requirement, action('max_value')?.requirement];
      const spec = ['n', action('finite') ? 1 : 0];
      if (min !== undefined || max !== undefined) spec.push(min ?? -Infinity);
      if (max !== undefined) spec.push(max);
      return spec;
    }
    case 'literal':
      only();
      return ['l', base.literal];
    case 'picklist':
      only();
      return ['p', [...base.options]];
    case 'array': {
      only();
      const item = specOf(base.item, `${at}[]`);
      if (typeof item === 'object' && !Array.isArray(item)) throw new Error(`gen-checks: ${where}: only arrays of plain values`);
      return ['a', item];
    }
    case 'object':
      only();
      return Object.fromEntries(Object.entries(base.entries).map(([key, entry]) => [key, specOf(entry, `${at}.${key}`)]));
    case 'union': {
      only();
      // Objects told apart by a literal key.
      const [first] = base.options;
      const key = Object.keys(first?.entries ?? {}).find((k) =>
        base.options.every((option) => option.type === 'object' && option.entries[k]?.type === 'literal'),
      );
      if (!key) throw new Error(`gen-checks: ${where}: a union must be of objects told apart by a literal key`);
      return ['u', key, base.options.map((option) => [option.entries[key].literal, specOf(option, at)])];
    }
    default:
      throw new Error(`gen-checks: ${where}: the schema type ${base.type} does not compile`);
  }
}

/** TypeScript source of a spec; regexes and repeated objects by their shared names. */
function source(spec, names) {
  if (spec instanceof RegExp) return names.get(String(spec));
  if (typeof spec !== 'object' || spec === null) return spec === -Infinity ? '-Infinity' : JSON.stringify(spec);
  const own = JSON.stringify(spec, replacer);
  if (names.has(own)) return names.get(own);
  if (Array.isArray(spec)) return `[${spec.map((item) => source(item, names)).join(', ')}]`;
  return `{ ${Object.entries(spec).map(([key, item]) => `${/^[a-z_]\w*$/i.test(key) ? key : JSON.stringify(key)}: ${source(item, names)}`).join(', ')} }`;
}
const replacer = (_key, value) => (value instanceof RegExp ? `/${value.source}/` : value === -Infinity ? '-Infinity' : value);

/** Every object spec inside `spec` (itself included), with its serialised form. */
function objects(spec, found = []) {
  if (Array.isArray(spec)) spec.forEach((item) => objects(item, found));
  else if (spec && typeof spec === 'object' && !(spec instanceof RegExp)) {
    found.push([JSON.stringify(spec, replacer), spec]);
    Object.values(spec).forEach((item) => objects(item, found));
  }
  return found;
}

/** Every regex inside `spec`. */
function regexesOf(spec, found = []) {
  if (spec instanceof RegExp) found.push(spec);
  else if (spec && typeof spec === 'object') Object.values(spec).forEach((item) => regexesOf(item, found));
  return found;
}

/** Loads a schemas file (TypeScript) through esbuild, valibot bundled in. */
async function loadSchemas(file) {
  const result = await build({
    entryPoints: [file],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'error',
  });
  const url = `data:text/javascript;base64,${Buffer.from(result.outputFiles[0].contents).toString('base64')}`;
  return import(url);
}

/** The source of a target's checks.gen.ts (`passid`: src/wire, `pasby`: src/providers/pasby/wire). */
export async function generateChecks(name = 'passid') {
  const target = TARGETS[name];
  const schemas = await loadSchemas(target.schemas);
  const specs = Object.entries(target.types).map(([type, schemaName]) => {
    const schema = schemas[schemaName];
    if (!schema) throw new Error(`gen-checks: schemas.ts has no export ${schemaName}`);
    return [type, schemaName, specOf(schema)];
  });
  const names = new Map();
  const shared = [];
  for (const regex of specs.flatMap(([, , spec]) => regexesOf(spec))) {
    if (!names.has(String(regex))) {
      names.set(String(regex), `PATTERN_${names.size}`);
      shared.push(`const ${names.get(String(regex))} = ${regex};`);
    }
  }
  const regexCount = shared.length;
  // An object spec that appears more than once (the claims) is written once.
  const inner = specs.flatMap(([, , spec]) => objects(spec).slice(1));
  for (const [text, spec] of inner) {
    if (names.has(text) || inner.filter(([other]) => other === text).length < 2) continue;
    const name = `SHARED_${shared.length - regexCount}`;
    shared.push(`const ${name}: Spec = ${source(spec, names)};`);
    names.set(text, name);
  }
  const guards = specs.map(
    ([type, schemaName, spec]) =>
      `/** \`${schemaName}\` as a spec for \`conform\`. */\nexport const ${type}Spec: Spec = ${source(spec, names)};\n\n` +
      `/** True when \`value\` is a valid \`${type}\` (as valibot's \`${schemaName}\` would say). */\n` +
      `export const is${type} = (value: unknown): value is ${type} => conform(value, ${type}Spec) !== undefined;`,
  );
  const claimKeys = target.claims
    ? `/** Keys of \`${target.claims}\`, in its order. */\nexport const CLAIM_KEYS = ${JSON.stringify(Object.keys(schemas[target.claims].entries))} as const;\n\n`
    : '';
  return `// GENERATED by packages/core/scripts/gen-checks.mjs from ./schemas.ts. Do not edit:
// change the schemas, then run \`pnpm gen:checks\`. A test fails when this file is stale.
import type { ${Object.keys(target.types).sort().join(', ')} } from './schemas.js';
import { conform } from '${target.conform}';
import type { Spec } from '${target.conform}';

${shared.join('\n')}

${claimKeys}${guards.join('\n\n')}
`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const [name, { output }] of Object.entries(TARGETS)) {
    const source = await generateChecks(name);
    if (process.argv.includes('--check')) {
      if (readFileSync(output, 'utf8') !== source) {
        console.error(`[gen:checks] ${output} is stale: run pnpm gen:checks`);
        process.exit(1);
      }
      console.log(`[gen:checks] ${output} is up to date`);
    } else {
      writeFileSync(output, source);
      console.log(`[gen:checks] wrote ${output}`);
    }
  }
}
