#!/usr/bin/env node
/**
 * `npm run demo`: starts the sandbox and the playground together, waits until both answer,
 * prints the URLs, and forwards Ctrl-C / SIGTERM to both.
 * Env: PORT (sandbox, default 8787), PLAYGROUND_PORT (default 5173), SANDBOX_URL (where the
 * playground finds the sandbox, default http://localhost:$PORT), PASSID_SANDBOX_DB.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const sandboxPort = Number(process.env.PORT ?? 8787);
const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? 5173);
const sandboxUrl = (process.env.SANDBOX_URL ?? `http://localhost:${sandboxPort}`).replace(/\/+$/, '');
const playgroundUrl = `http://localhost:${playgroundPort}`;

/** @type {import('node:child_process').ChildProcess[]} */
const children = [];
let stopping = false;

/**
 * @param {string} name
 * @param {string} script
 * @param {Record<string, string>} env
 */
function start(name, script, env) {
  const child = spawn(process.execPath, [script], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (/** @type {Buffer} */ chunk) =>
    chunk.toString().split('\n').filter(Boolean).map((l) => `  ${name.padEnd(10)}| ${l}`).join('\n') + '\n';
  child.stdout?.on('data', (c) => process.stdout.write(prefix(c)));
  child.stderr?.on('data', (c) => process.stderr.write(prefix(c)));
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`\n[demo] ${name} stopped (${signal ?? `exit ${code}`}); stopping the demo.`);
      void stop(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

/** @param {string} url */
async function waitFor(url, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (stopping) return false;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.status < 500) return true;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

/** @param {number} code */
async function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.all(
    children.map(
      (child) =>
        new Promise((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done(undefined);
          const force = setTimeout(() => child.kill('SIGKILL'), 5000);
          child.once('exit', () => {
            clearTimeout(force);
            done(undefined);
          });
        }),
    ),
  );
  process.exit(code);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

start('sandbox', 'apps/sandbox/dist/main.js', { PORT: String(sandboxPort) });
start('playground', 'scripts/playground.mjs', {
  PLAYGROUND_PORT: String(playgroundPort),
  SANDBOX_URL: sandboxUrl,
});

const [sandboxUp, playgroundUp] = await Promise.all([
  // The sandbox's health check: answers 200 and logs no 404 (unlike a probe of a real route).
  waitFor(`${sandboxUrl}/healthz`),
  waitFor(`${playgroundUrl}/config.json`),
]);
if (!sandboxUp || !playgroundUp) {
  console.error(`[demo] ${!sandboxUp ? 'the sandbox' : 'the playground'} did not answer in 30 s`);
  await stop(1);
}

const lan = await fetch(`${playgroundUrl}/config.json`)
  .then((r) => r.json())
  .then((c) => /** @type {string[]} */ (c.lanUrls))
  .catch(() => []);
const bold = (/** @type {string} */ s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
console.log(`
${bold('PASSID Verify demo is running')}

  Playground         ${bold(playgroundUrl)}
  Wallet simulator   ${bold(`${playgroundUrl}/wallet`)}   (open it in a second tab)
  Sandbox API        ${bold(sandboxUrl)}   (key: sk_sandbox_demo)
${lan.length ? `\n  From a phone on the same network: ${lan.map((u) => `${u}/wallet`).join('  ')}\n` : ''}
  Ports: PORT=${sandboxPort} (sandbox)  PLAYGROUND_PORT=${playgroundPort}  SANDBOX_URL=${sandboxUrl}
  e.g. ${bold('PORT=8788 PLAYGROUND_PORT=5180 npm run demo')}

  Press Ctrl-C to stop both.
`);
