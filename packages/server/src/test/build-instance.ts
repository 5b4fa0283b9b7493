/**
 * Bundles `redis-instance.mjs` (examples/redis/server.mjs with `@passid/*` from source) into one
 * ES module under `node_modules/.cache/`, so a test can run it as real processes without a prior
 * `pnpm build`. express and ioredis stay external and resolve from the workspace root.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const path = (p: string) => `${repo}${p}`;

/** Returns the path of the bundled instance. */
export async function buildInstance(): Promise<string> {
  const outDir = path('node_modules/.cache/passid-redis-instance');
  await build({
    configFile: false,
    logLevel: 'silent',
    root: repo,
    resolve: {
      alias: [
        { find: /^@passid\/core\/wire$/, replacement: path('packages/core/src/wire/index.ts') },
        { find: /^@passid\/core$/, replacement: path('packages/core/src/index.ts') },
        { find: /^@passid\/server\/redis$/, replacement: path('packages/server/src/redis/index.ts') },
        { find: /^@passid\/server$/, replacement: path('packages/server/src/index.ts') },
      ],
    },
    build: {
      ssr: path('packages/server/src/test/redis-instance.mjs'),
      outDir,
      emptyOutDir: true,
      minify: false,
      target: 'node20',
      rollupOptions: { output: { entryFileNames: 'instance.mjs' } },
    },
  });
  return `${outDir}/instance.mjs`;
}
