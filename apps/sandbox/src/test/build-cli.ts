/**
 * Bundles the CLI (`src/main.ts`, with `@passid/core` from source) into one ES module under
 * `node_modules/.cache/`, so tests can spawn the current source as a real process without a
 * prior `pnpm build`. Dependencies stay external and resolve from `apps/sandbox/node_modules`.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));
const core = (path: string) => fileURLToPath(new URL(`../../../../packages/core/src/${path}`, import.meta.url));

/** Returns the path of the bundled CLI. */
export async function buildCli(): Promise<string> {
  const outDir = `${root}node_modules/.cache/passid-sandbox-cli`;
  await build({
    configFile: false,
    logLevel: 'silent',
    root,
    resolve: {
      alias: [
        { find: /^@passid\/core\/wire$/, replacement: core('wire/index.ts') },
        { find: /^@passid\/core$/, replacement: core('index.ts') },
      ],
    },
    build: {
      ssr: 'src/main.ts',
      outDir,
      emptyOutDir: true,
      minify: false,
      target: 'node20',
      rollupOptions: { output: { entryFileNames: 'main.mjs' } },
    },
  });
  return `${outDir}/main.mjs`;
}
