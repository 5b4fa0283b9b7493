#!/usr/bin/env node
/**
 * `pnpm bench:proxy` (after `pnpm build`): status polls through `createPassidProxy` vs straight
 * to the sandbox, side by side in one run, over loopback. Separate processes: the built sandbox
 * (file database, rate limit off), the proxy (`toNodeHandler` in `node:http`; its limits are set
 * for one client on purpose, see proxy-server.mjs), and autocannon here.
 *
 * Two measures, because with many connections latency is mostly queueing (connections ÷ req/s):
 * throughput with 50 connections (autocannon), and latency one request at a time (a keep-alive
 * `node:http` client timing each request with `process.hrtime`: autocannon's histogram counts
 * whole milliseconds, too coarse for a loopback round trip), where the proxy's added time shows. Rounds alternate the paths, so a change in the machine's other load hits all of them;
 * the table gives the median of the rounds, and the CPU each process spent per request (Linux),
 * which does not depend on that load as much as req/s does. With redis-server installed, a third
 * path counts the proxy's limits in Redis (createRedisRateLimitStore: 2 hits a status read).
 *
 * Usage: node packages/server/bench/proxy.mjs [seconds = 10] [connections = 50] [rounds = 3]
 */
import { spawn, spawnSync } from 'node:child_process';
import { Agent, request } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { spawnSandbox } from '../../../apps/sandbox/bench/spawn-sandbox.mjs';

const duration = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 50);
const rounds = Number(process.argv[4] ?? 3);
const stops = [];
const stopAll = () => stops.splice(0).forEach((stop) => stop());
process.on('exit', stopAll);

/** CPU seconds a process has used (Linux /proc; elsewhere NaN). */
function cpuSeconds(pid) {
  const file = `/proc/${pid}/stat`;
  if (!existsSync(file)) return Number.NaN;
  const fields = readFileSync(file, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in ticks of 10 ms
}

function waitForLine(child, pattern, what) {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (b) => {
      out += b;
      const m = pattern.exec(out);
      if (m) resolve(m);
    };
    child.stdout.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`[passid] bench: ${what} exited (${code}): ${out}`)));
  });
}

async function spawnProxy(sandboxUrl, env) {
  const main = fileURLToPath(new URL('./proxy-server.mjs', import.meta.url));
  const child = spawn(process.execPath, [main], { env: { ...process.env, NODE_ENV: 'production', SANDBOX_URL: sandboxUrl, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  stops.push(() => child.kill('SIGTERM'));
  const [, url] = await waitForLine(child, /listening on (http:\/\/\S+)/, 'the proxy');
  return { url, pid: child.pid };
}

async function spawnRedis() {
  if (spawnSync('redis-server', ['--version']).status !== 0) return null;
  const port = await new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = s.address();
      s.close(() => resolve(free));
    });
  });
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  stops.push(() => child.kill('SIGTERM'));
  await waitForLine(child, /Ready to accept connections/, 'redis-server');
  return { url: `redis://127.0.0.1:${port}`, pid: child.pid };
}

/** One autocannon run; CPU per request of each process in `pids` ({ name: pid }). */
async function measure(target, conns, seconds, pids) {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)]));
  const mine = process.cpuUsage();
  const r = await autocannon({ url: target.url, headers: target.headers, connections: conns, duration: seconds });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`[passid] bench: ${target.url} answered ${r.non2xx} non-2xx and ${r.errors} errors`);
  const n = r.requests.total;
  const used = process.cpuUsage(mine);
  const cpu = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, ((cpuSeconds(pid) - before[name]) * 1e6) / n]));
  cpu.autocannon = (used.user + used.system) / n;
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, cpu };
}

/** Requests one at a time for `seconds`: p50 / p99 / mean round trip in ms, to µs precision. */
async function latency(target, seconds) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL(target.url);
  const once = () =>
    new Promise((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, headers: target.headers, agent }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`[passid] bench: ${target.url} answered ${res.statusCode}`))));
      });
      req.on('error', reject);
      req.end();
    });
  const times = [];
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    const start = process.hrtime.bigint();
    await once();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  agent.destroy();
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(times.length * q))];
  return { p50: at(0.5), p99: at(0.99), mean: times.reduce((a, b) => a + b, 0) / times.length };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x, digits = 0) => (Number.isFinite(x) ? x.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '—');

const sandbox = await spawnSandbox();
stops.push(sandbox.stop);
try {
  const key = { 'x-institution-key': 'sk_sandbox_demo' };
  const created = await fetch(`${sandbox.url}/api/bridge/request`, { method: 'POST', headers: { ...key, 'content-type': 'application/json' }, body: '{"ttlSeconds":3600}' }).then((r) => r.json());
  const targets = [{ name: 'straight to the sandbox', url: `${sandbox.url}/api/bridge/request/${created.requestId}`, headers: key, pids: { sandbox: sandbox.pid } }];
  const viaProxy = async (name, env, extraPids = {}) => {
    const proxy = await spawnProxy(sandbox.url, env);
    const made = await fetch(`${proxy.url}/api/passid/request`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"ttlSeconds":3600}' }).then((r) => r.json());
    targets.push({ name, url: `${proxy.url}/api/passid/request/${encodeURIComponent(made.requestId)}`, headers: {}, pids: { sandbox: sandbox.pid, proxy: proxy.pid, ...extraPids } });
  };
  await viaProxy('through the proxy, limits in memory', { STORE: 'memory' });
  const redis = await spawnRedis();
  if (redis) await viaProxy('through the proxy, limits in Redis', { STORE: 'redis', REDIS_URL: redis.url }, { redis: redis.pid });
  else console.log('(redis-server is not installed: no Redis row)');

  for (const t of targets) await measure(t, connections, 2, t.pids); // warm-up: JIT, connection pools
  const results = new Map(targets.map((t) => [t, { load: [], single: [] }]));
  for (let round = 0; round < rounds; round += 1) {
    for (const t of round % 2 ? [...targets].reverse() : targets) {
      results.get(t).load.push(await measure(t, connections, duration, t.pids));
      results.get(t).single.push(await latency(t, Math.max(3, duration / 2)));
    }
  }

  const cpu = cpus();
  console.log(`\nGET status — ${new Date().toISOString().slice(0, 10)}, ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, Node ${process.version}, load average at the end ${loadavg()[0].toFixed(1)}`);
  console.log(`median of ${rounds} rounds; ${duration} s with ${connections} connections, ${Math.max(3, duration / 2)} s one request at a time\n`);
  console.log(`| path | req/s (${connections} conn.) | p50 / p99 (${connections} conn.) | one at a time: p50 / p99 | CPU per request (${connections} conn.) |`);
  console.log('|---|---:|---:|---:|---|');
  const rows = [];
  for (const t of targets) {
    const { load, single } = results.get(t);
    const row = {
      rps: median(load.map((m) => m.rps)),
      p50: median(load.map((m) => m.p50)),
      p99: median(load.map((m) => m.p99)),
      p50one: median(single.map((m) => m.p50)),
      p99one: median(single.map((m) => m.p99)),
      cpu: Object.fromEntries(Object.keys(load[0].cpu).map((name) => [name, median(load.map((m) => m.cpu[name]))])),
    };
    rows.push(row);
    const cpuText = Object.entries(row.cpu).map(([name, us]) => `${name} ${fmt(us)} µs`).join(', ');
    console.log(`| ${t.name} | ${fmt(row.rps)} | ${row.p50} / ${row.p99} ms | ${fmt(row.p50one, 2)} / ${fmt(row.p99one, 2)} ms | ${cpuText} |`);
  }
  const [direct, proxied] = rows;
  const added = proxied.p50one - direct.p50one;
  console.log(`\nadded p50, one request at a time: ${fmt(added, 2)} ms — goal ≤ 1 ms: ${added <= 1 ? 'met' : 'NOT met'}`);
  console.log(`through the proxy: ${fmt(proxied.rps)} req/s — goal ≥ 5,000: ${proxied.rps >= 5000 ? 'met' : 'NOT met'}`);
} finally {
  stopAll();
}
