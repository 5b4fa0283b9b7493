/**
 * Several instances sharing Redis, as a bank runs them: TWO processes of examples/redis/server.mjs
 * (bundled from source), a real redis-server of this test's own (append-only file, fsync on
 * every write), a real sandbox as PASSID, and examples/redis/balancer.mjs in front. Webhooks
 * are signed like PASSID's; the test plays PASSID's retries.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startSandbox, type RunningSandbox } from '@passid/sandbox';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInstance } from './test/build-instance.js';
import { startTestRedis, type TestRedis } from './test/redis-server.js';
import { computeSignature } from './webhook.js';

const { createBalancer } = (await import('../../../examples/redis/balancer.mjs' as string)) as {
  createBalancer: (targets: string[]) => Server;
};

const KEY = 'sk_sandbox_demo';
const LEASE_MS = 3_000;

interface Instance {
  child: ChildProcess;
  url: string;
  log: string;
  output: () => string;
}

let redis: TestRedis;
let sandbox: RunningSandbox;
let balancer: Server;
let balancerUrl: string;
let secret: string;
let dir: string;
let inspect: Redis;
const targets: string[] = [];
const instances: Instance[] = [];

function spawnInstance(entry: string, name: string): Promise<Instance> {
  const log = join(dir, `${name}.log`);
  // Imported from `-e`, so process.argv[1] is unset and the examples' own "run directly"
  // blocks (which would listen on PORT) stay off in the bundle.
  const child = spawn(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(entry).href)})`], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      REDIS_URL: redis.url,
      PASSID_API_KEY: KEY,
      PASSID_BASE_URL: sandbox.url,
      PASSID_WEBHOOK_SECRET: secret,
      PROCESSED_LOG: log,
      HANDLER_DELAY_MS: '100',
      LEASE_MS: String(LEASE_MS),
      PER_IP_LIMIT: '5',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]!, log, output: () => out });
    });
    child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    child.once('exit', (code) => reject(new Error(`instance ${name} exited (${code}) before listening:\n${out}`)));
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'passid-instances-'));
  const [entry, started] = await Promise.all([buildInstance(), startTestRedis()]);
  redis = started;
  inspect = new Redis(redis.url, { retryStrategy: () => 100 });
  inspect.on('error', () => {});
  sandbox = await startSandbox({ port: 0, dbPath: ':memory:' });
  balancer = createBalancer(targets);
  await new Promise<void>((resolve) => balancer.listen(0, '127.0.0.1', resolve));
  balancerUrl = `http://127.0.0.1:${(balancer.address() as AddressInfo).port}`;
  // PASSID (the sandbox) delivers to the load balancer, like in production.
  const endpoint = await fetch(`${sandbox.url}/api/sandbox/webhook-endpoint`, {
    method: 'PUT',
    headers: { 'X-Institution-Key': KEY, 'Content-Type': 'application/json' },
    body: JSON.stringify({ url: `${balancerUrl}/webhooks/passid` }),
  });
  secret = ((await endpoint.json()) as { secret: string }).secret;
  instances.push(...(await Promise.all([spawnInstance(entry, 'a'), spawnInstance(entry, 'b')])));
  targets.push(...instances.map((i) => i.url));
});

afterAll(async () => {
  await Promise.all(
    instances.map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
        }),
    ),
  );
  inspect?.disconnect();
  await new Promise((resolve) => balancer?.close(resolve));
  await sandbox?.close();
  await redis?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let serial = 0;
function makeEvent(): { id: string; body: string } {
  serial += 1;
  const id = `evt_multi_${serial}_${Date.now()}`;
  const event = { id, type: 'verification.completed', createdAt: new Date().toISOString(), institutionId: 'inst_demo', data: { token: 'KE8V-3TXY-Z72L' } };
  return { id, body: JSON.stringify(event) };
}

/** One delivery attempt, signed like PASSID's: the status and the answer's JSON. */
async function deliver(instance: Instance, event: { body: string }): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${instance.url}/webhooks/passid`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-PASSID-Signature': computeSignature(secret, event.body) },
    body: event.body,
  });
  return { status: response.status, json: (await response.json().catch(() => ({}))) as Record<string, unknown> };
}

/** How often each event id was processed, over both instances. */
function processed(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { log } of instances) {
    if (!existsSync(log)) continue;
    for (const id of readFileSync(log, 'utf8').split('\n').filter(Boolean)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

async function waitFor(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('two instances sharing Redis (examples/redis)', () => {
  it('processes an event delivered to both instances at once exactly once (20 events)', async () => {
    const events = Array.from({ length: 20 }, makeEvent);
    const answers = await Promise.all(events.map((event) => Promise.all(instances.map((instance) => deliver(instance, event)))));
    let inProgress = 0;
    for (const [index, pair] of answers.entries()) {
      // One instance did the work; the other found it done (200 duplicate) or running (409).
      expect(pair.filter((a) => a.status === 200 && a.json.duplicate === false)).toHaveLength(1);
      const other = pair.find((a) => !(a.status === 200 && a.json.duplicate === false))!;
      expect([200, 409]).toContain(other.status);
      if (other.status === 409) {
        inProgress += 1;
        // PASSID delivers a 409 again: by then the event is done.
        const again = await deliver(instances[pair.indexOf(other)]!, events[index]!);
        expect(again).toEqual({ status: 200, json: { received: true, duplicate: true } });
      }
    }
    expect(inProgress).toBeGreaterThan(0); // the deliveries did overlap (each handler takes 100 ms)
    const counts = processed();
    for (const { id } of events) expect(counts.get(id), id).toBe(1);
  });

  it('processes a delivery from PASSID (the sandbox) through the load balancer once', async () => {
    const sent = await fetch(`${sandbox.url}/api/sandbox/webhooks/test`, { method: 'POST', headers: { 'X-Institution-Key': KEY } });
    expect(sent.status).toBe(202);
    const { eventId } = (await sent.json()) as { eventId: string };
    await waitFor(() => processed().get(eventId) === 1, 15_000, `event ${eventId}`);
    // PASSID (the sandbox) recorded the 200: no retry will come.
    await waitFor(async () => {
      const deliveries = await fetch(`${sandbox.url}/api/sandbox/webhook-deliveries`, { headers: { 'X-Institution-Key': KEY } });
      const list = ((await deliveries.json()) as { deliveries: { eventId: string; status: string }[] }).deliveries;
      return list.find((d) => d.eventId === eventId)?.status === 'delivered';
    }, 15_000, 'the sandbox to record the delivery');
  });

  it('shares the proxy\'s per-IP budget: the 6th request through the balancer is refused, whichever instance gets it', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 7; i += 1) {
      const response = await fetch(`${balancerUrl}/api/passid/request`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
      await response.arrayBuffer();
    }
    // Each instance saw 3 or 4 of the 7: with memory stores, all 7 would have passed.
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429]);
    // GCRA: one place back every 60 s / 5 = 12 s.
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeLessThanOrEqual(12);
  });

  it('loses no event answered 200 when Redis crashes (SIGKILL) and restarts mid-stream', async () => {
    const events = Array.from({ length: 40 }, makeEvent);
    const statuses: number[] = [];
    /** PASSID's part: deliver, and on anything but 200 deliver again (to the other instance). */
    async function deliverUntilAccepted(event: { id: string; body: string }, index: number): Promise<void> {
      const deadline = Date.now() + 45_000;
      for (let attempt = 0; ; attempt += 1) {
        const { status } = await deliver(instances[(index + attempt) % 2]!, event).catch(() => ({ status: 0 }));
        statuses.push(status);
        if (status === 200) return;
        if (Date.now() > deadline) throw new Error(`event ${event.id} was never accepted (last ${status})`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    // Events 20 and later wait until Redis is down, so some deliveries surely meet it away;
    // the ones before may be anywhere in their work when it dies.
    let openGate = () => {};
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    let next = 0;
    const senders = Array.from({ length: 4 }, async () => {
      while (next < events.length) {
        const index = next++;
        if (index >= 20) await gate;
        await deliverUntilAccepted(events[index]!, index);
      }
    });
    const all = Promise.all(senders);
    const ours = () => events.filter(({ id }) => processed().has(id)).length;
    await waitFor(() => ours() >= 10, 30_000, 'ten events of this test processed');
    await redis.crash();
    openGate();
    await waitFor(() => statuses.some((s) => s !== 200), 15_000, 'a delivery to meet Redis away');
    await redis.start();
    await all;

    // Some deliveries met Redis away (500 from the example) or a claim left by a lost answer (409).
    expect(statuses.some((s) => s !== 200)).toBe(true);
    // Every event was accepted, and processed exactly once.
    const counts = processed();
    for (const { id } of events) expect(counts.get(id), id).toBe(1);

    // The done records survived the crash (appendfsync always): delivering every event again,
    // to both instances, processes none of them again. An event whose "done" could not be
    // written while Redis was away was said so ([passid] warning); its claim ends after
    // leaseMs, so only those may be missing.
    const output = instances.map((i) => i.output()).join('\n');
    const notDone: string[] = [];
    for (const { id } of events) {
      if ((await inspect.get(`passid:webhook:${id}`)) !== 'done') notDone.push(id);
    }
    for (const id of notDone) expect(output).toContain(`[passid] webhook ${id} was processed but could not be recorded as done`);
    expect(notDone.length).toBeLessThan(events.length / 2);
    const done = events.filter(({ id }) => !notDone.includes(id));
    for (const event of done) {
      for (const instance of instances) expect(await deliver(instance, event)).toEqual({ status: 200, json: { received: true, duplicate: true } });
    }
    const after = processed();
    for (const { id } of events) expect(after.get(id), id).toBe(1);
  });
});
