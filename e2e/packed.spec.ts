/**
 * The packages as a user gets them: `pnpm pack` @passid/core and @passid/react, install the
 * tarballs with npm into a fresh Vite + React app OUTSIDE the workspace, type-check it,
 * build it, serve it, and use the component in Chromium against the sandbox. The pasby
 * entries (`@passid/react/pasby`, `@passid/core/pasby`, their French texts) are imported too:
 * they take the shared pieces through the packages' own names, which must resolve there. Catches a
 * broken `exports` map, files missing from the tarball, missing types, or a dependency only
 * the workspace had. Needs the packages built (`pnpm build`) and npm's cache (or network).
 */
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Server } from 'node:http';
import { portOf, serveDir } from './support/static-server.mjs';
import { SANDBOX_URL } from './support/ports';
import { watchErrors } from './support/helpers';

const root = resolve('.');
function run(cmd: string, args: string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, { cwd, stdio: 'pipe', env: { ...process.env, npm_config_update_notifier: 'false' } }).toString();
  } catch (error) {
    const e = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`${cmd} ${args.join(' ')} failed:\n${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? ''}`.slice(0, 4000));
  }
}

/** Runs a command; returns its failure output ('' when it succeeded). */
function failureOf(cmd: string, args: string[], cwd: string): string {
  try {
    run(cmd, args, cwd);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

let server: Server | undefined;
test.afterAll(async () => {
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
});

test('packed @passid/core + @passid/react install, type-check, build and render in a fresh Vite app', async ({ page }) => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), 'passid-packed-'));
  const packs = join(dir, 'packs');
  const app = join(dir, 'app');
  mkdirSync(packs);
  mkdirSync(join(app, 'src'), { recursive: true });

  await test.step('pnpm pack', () => {
    for (const pkg of ['core', 'react']) run('pnpm', ['pack', '--pack-destination', packs], join(root, 'packages', pkg));
  });
  const tarballs = readdirSync(packs).map((f) => join(packs, f));
  expect(tarballs.map((t) => t.replace(/^.*\//, '')).sort()).toEqual([
    expect.stringMatching(/^passid-core-.*\.tgz$/),
    expect.stringMatching(/^passid-react-.*\.tgz$/),
  ]);

  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'packed-app', private: true, type: 'module' }, null, 2));
  writeFileSync(
    join(app, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>packed</title></head><body><div id="root"></div><div id="pasby"></div><script type="module" src="/src/main.tsx"></script></body></html>',
  );
  writeFileSync(join(app, 'vite.config.js'), "import react from '@vitejs/plugin-react';\nexport default { plugins: [react()] };\n");
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', jsx: 'react-jsx', strict: true,
        noEmit: true, lib: ['ES2022', 'DOM', 'DOM.Iterable'], types: [], skipLibCheck: false,
      },
      include: ['src'],
    }),
  );
  writeFileSync(
    join(app, 'src', 'main.tsx'),
    `import { createRoot } from 'react-dom/client';
import { PASSIDVerify, type PASSIDVerifyProps } from '@passid/react';
import { normalizeToken, PERMISSIONS, type Claims, type Permission } from '@passid/core';
import { PasbyVerify } from '@passid/react/pasby';
import { fr } from '@passid/react/pasby/locales/fr';
import { normalizeNin, type PasbyClaims } from '@passid/core/pasby';

const permissions: Permission[] = [...PERMISSIONS];
const baseUrl = new URLSearchParams(location.search).get('sandbox') ?? 'http://127.0.0.1:8787';
const props: PASSIDVerifyProps = {
  apiKey: 'sk_sandbox_demo',
  baseUrl,
  institutionName: 'Packed App',
  permissions,
  onSuccess: (claims: Claims) => {
    document.title = 'verified ' + String(claims.fsi_score);
  },
};
void normalizeToken;
createRoot(document.getElementById('root')!).render(<PASSIDVerify {...props} />);
void normalizeNin;
createRoot(document.getElementById('pasby')!).render(
  <PasbyVerify endpoint="/api/pasby" mode="different-device" locale={fr} onSuccess={(claims: PasbyClaims) => void claims} />,
);
`,
  );

  await test.step('npm install (tarballs + react, vite from the registry cache)', () => {
    run(
      'npm',
      [
        'install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error',
        ...tarballs,
        'react@^19.3.1', 'react-dom@^19.3.1', 'vite@^8.3.8', '@vitejs/plugin-react@^6.3.0',
        'typescript@5.9.3', '@types/react@^19', '@types/react-dom@^19',
      ],
      app,
    );
  });
  await test.step('tsc --noEmit on a file importing the types', () => {
    // Soft: a type problem is reported, and the build and browser checks still run.
    expect.soft(failureOf(join(app, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', '.'], app)).toBe('');
  });
  await test.step('vite build', () => {
    run(join(app, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], app);
  });

  server = (await serveDir(join(app, 'dist'), 0)) as Server;
  const url = `http://127.0.0.1:${portOf(server)}/?sandbox=${encodeURIComponent(SANDBOX_URL)}`;
  const errors = watchErrors(page);
  await page.goto(url);
  const widget = page.locator('.passid-root:not(.passid-pasby)');
  await expect(widget.getByRole('heading', { name: 'Verify with PASSID for Packed App' })).toBeVisible();
  // pasby, in French, refuses a short NIN on the field (no server needed for that).
  const pasby = page.locator('.passid-pasby');
  await expect(pasby.getByRole('heading', { name: 'Vérifier avec pasby' })).toBeVisible();
  await pasby.getByRole('textbox').fill('123');
  await pasby.getByRole('button', { name: "Envoyer à l'application pasby" }).click();
  await expect(pasby.getByRole('alert')).toHaveText("Un numéro d'identification national compte exactement 11 chiffres.");
  await widget.getByLabel('PASSID token').fill('KE8V-3TXY-Z72L');
  await widget.getByRole('button', { name: 'Verify token' }).click();
  await expect(widget).toHaveAttribute('data-state', 'success');
  await expect(page).toHaveTitle('verified 812');
  await page.reload();
  await widget.getByRole('button', { name: 'Generate QR code' }).click();
  await expect(widget).toHaveAttribute('data-state', 'awaiting');
  await expect(widget.locator('canvas')).toBeVisible();
  expect(errors).toEqual([]);
});
