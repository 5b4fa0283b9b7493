/**
 * The soak of `pnpm bench:soak` (bench/soak.mjs) and of its short version in `vitest run`
 * (src/soak.test.ts): many REAL controllers (`createPassidController` from @passid/core) against
 * one REAL sandbox, each looping for `seconds`: create a session, wait a random moment, end it
 * through the sandbox's wallet-side endpoints (approve as one of four personas, one of them a
 * sanctions hit; decline; or expire it now), wait for the widget's end, next session.
 *
 * What it counts: every session the controllers opened (`state.awaiting`) must end exactly
 * once (one onSuccess/onDecline/onError while it is the controller's open session; any other
 * callback is a stray end), with the outcome its action calls for (a sanctions hit never a
 * success), and without any error (onError, or a wallet-side call that is not 200). With
 * `gc` (node --expose-gc), heapUsed is sampled after a full collection every `sampleMs`.
 *
 * The controllers' `fetch` sends a request once more when Node's pool reused a keep-alive
 * socket the sandbox had closed (`resendingFetch`, as browsers do); the count is reported.
 */
import { request as httpRequest } from 'node:http';
import { createPassidController } from '@passid/core';

const KEY = 'sk_sandbox_demo';
/** A controller waits this long for an end it expects before counting it missing. */
const END_TIMEOUT_MS = 30_000;
const PERSONAS = ['amina', 'chidi', 'kwame', 'zed'];
const EXPECTED = { approve: 'success', sanctions: 'HARD_DENY_SANCTIONS_MATCH', decline: 'CUSTOMER_DECLINED', expire: 'REQUEST_EXPIRED' };

/** A small seeded PRNG (mulberry32), so a run can be repeated. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Least-squares slope of `points` ({ x, y }), or 0 with fewer than 2. */
export function slope(points) {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A connection closed under a request before any answer: a pooled keep-alive socket the server had just closed. */
const STALE_SOCKET = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

/**
 * Node's `fetch`, sending a request once more when the keep-alive connection it reused was
 * closed under it before any answer came, as browsers do (Chromium resends on a reused socket
 * reset before the response headers). Node's fetch does not, and on a starved event loop
 * (500 controllers on a shared 2-core machine) its pool reuses sockets the sandbox has just
 * closed after 5 s idle. `onResend` counts them: the table shows how many.
 */
export function resendingFetch(onResend) {
  return async (input, init) => {
    try {
      return await fetch(input, init);
    } catch (error) {
      if (init?.signal?.aborted || !STALE_SOCKET.has(error?.cause?.code)) throw error;
      onResend(error.cause.code);
      return fetch(input, init);
    }
  };
}

/**
 * Runs the soak against the sandbox at `url`. Options: `controllers` (500), `seconds` (180),
 * `seed` (1), `maxActionMs` (longest wait before the wallet acts, 3000), `sampleMs` (heap
 * sample interval, 5000), `pollShare` (share of controllers that poll instead of push, 0.2),
 * `disposeShare` (share of sessions after which the controller is disposed and replaced, 0.1).
 */
export async function runSoak(options) {
  const { url, controllers = 500, seconds = 180, seed = 1, maxActionMs = 3000, sampleMs = 5000, pollShare = 0.2, disposeShare = 0.1 } = options;
  const random = prng(seed);
  const stats = {
    sessions: 0,
    endedOnce: 0,
    missing: 0,
    stray: 0,
    wrong: 0,
    ends: { success: 0, HARD_DENY_SANCTIONS_MATCH: 0, CUSTOMER_DECLINED: 0, REQUEST_EXPIRED: 0, other: 0 },
    errors: { onError: 0, wallet: 0, thrown: 0 },
    controllersMade: 0,
    /** Controllers' requests sent again after a stale keep-alive socket (see `resendingFetch`). */
    resent: 0,
    /** The first few problems, said in words. */
    notes: [],
  };
  /** At most 8 notes per kind of problem, so one kind cannot hide the others. */
  const noted = new Map();
  const note = (text, kind) => {
    noted.set(kind, (noted.get(kind) ?? 0) + 1);
    if (noted.get(kind) <= 8) stats.notes.push(text);
  };

  const send = resendingFetch(() => stats.resent++);
  const headers = { 'content-type': 'application/json' };
  const jwts = {};
  for (const persona of PERSONAS) {
    const res = await fetch(`${url}/api/sandbox/wallet/login`, { method: 'POST', headers, body: JSON.stringify({ persona }) });
    if (res.status !== 200) throw new Error(`[passid] soak: wallet login of ${persona} answered ${res.status}`);
    jwts[persona] = (await res.json()).jwt;
  }

  /**
   * One POST of the wallet, on a connection of its own (`agent: false`): the wallet is another
   * device, and a pooled socket could be one the sandbox closed while this process was busy.
   */
  const walletPost = (path, auth) =>
    new Promise((resolve, reject) => {
      const req = httpRequest(url + path, { method: 'POST', agent: false, headers: { ...headers, ...auth, 'content-length': '2' } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end('{}');
    });

  /** The wallet's side of one session; true when the sandbox answered 200. */
  async function act(action, persona, id) {
    const path =
      action === 'decline' ? `/api/bridge/request/${id}/decline` : action === 'expire' ? `/api/sandbox/request/${id}/expire` : `/api/bridge/request/${id}/fulfill`;
    const auth = action === 'expire' ? { 'x-institution-key': KEY } : { authorization: `Bearer ${jwts[persona]}` };
    try {
      const status = await walletPost(path, auth);
      if (status !== 200) note(`${action} of ${id} answered ${status}`, 'wallet-status');
      return status === 200;
    } catch (error) {
      note(`${action} of ${id}: ${error?.code ?? error?.message}`, 'wallet-network');
      return false;
    }
  }

  const started = Date.now();
  const deadline = started + seconds * 1000;

  const samples = [];
  const sample = () => {
    if (typeof globalThis.gc !== 'function') return;
    globalThis.gc();
    samples.push({ t: Date.now() - started, heapUsed: process.memoryUsage().heapUsed });
  };
  sample();
  // Samples while every slot runs: the drain at the end (slots finishing, controllers disposed)
  // would bend the slope down.
  const sampler = setInterval(() => (Date.now() < deadline ? sample() : clearInterval(sampler)), sampleMs);

  /** One controller slot: one session at a time, until the deadline. */
  async function slot(index) {
    /** The session open in this slot's controller, and how to tell the loop it ended. */
    let open = null;
    let wake = () => {};
    const end = (controller, kind) => {
      const id = controller.getState().session?.id ?? null;
      // Before its session exists, a slot can only fail (create refused): a success or a decline
      // then is a late, duplicate end of the previous session.
      const early = open?.id === null && kind !== 'error';
      if (!open || open.controller !== controller || open.ended !== null || early || (open.id !== null && open.id !== id)) {
        stats.stray++;
        note(`slot ${index}: a ${kind} end for ${id ?? 'no session'} that is not its open session`, 'stray');
        return;
      }
      open.ended = kind;
      wake();
    };
    const make = () => {
      stats.controllersMade++;
      const controller = createPassidController({
        apiKey: KEY,
        baseUrl: url,
        fetch: send,
        watch: random() < pollShare ? 'poll' : 'auto',
        onEvent: (event) => {
          if (event.type === 'state.awaiting' && open?.controller === controller && open.id === null) {
            open.id = event.sessionId ?? null;
            stats.sessions++;
            wake();
          }
        },
        onSuccess: () => end(controller, 'success'),
        onDecline: (_text, { code }) => end(controller, code),
        onError: (error) => {
          stats.errors.onError++;
          note(`onError in slot ${index} (${controller.getState().mode}): ${error.kind} ${error.status ?? ''} ${error.message} ${error.cause?.cause?.code ?? error.cause?.message ?? ''}`, 'onError');
          end(controller, 'error');
        },
      });
      return controller;
    };
    /** Resolves when `ready()` holds, or after `ms` (then false). */
    const until = async (ready, ms) => {
      const limit = Date.now() + ms;
      while (!ready()) {
        if (Date.now() >= limit) return false;
        await new Promise((resolve) => {
          wake = resolve;
          setTimeout(resolve, Math.min(1000, limit - Date.now()));
        });
      }
      return true;
    };

    let controller = make();
    await sleep(random() * 2000); // spread the first creates over 2 s
    try {
      while (Date.now() < deadline) {
        open = { controller, id: null, ended: null };
        controller.start();
        if (!(await until(() => open.id !== null || open.ended !== null, END_TIMEOUT_MS))) {
          stats.missing++;
          note(`slot ${index}: no session after ${END_TIMEOUT_MS} ms`, 'no-session');
        } else if (open.id !== null) {
          const roll = random();
          const action = roll < 0.5 ? 'approve' : roll < 0.75 ? 'decline' : 'expire';
          const persona = action === 'approve' ? PERSONAS[Math.floor(random() * PERSONAS.length)] : 'amina';
          const expected = EXPECTED[persona === 'zed' ? 'sanctions' : action];
          await sleep(random() * maxActionMs);
          if (!(await act(action, persona, open.id))) stats.errors.wallet++;
          if (!(await until(() => open.ended !== null, END_TIMEOUT_MS))) {
            stats.missing++;
            note(`slot ${index}: ${open.id} did not end after ${action}`, 'missing');
          } else {
            stats.endedOnce++;
            stats.ends[open.ended in stats.ends ? open.ended : 'other']++;
            if (open.ended !== expected) {
              stats.wrong++;
              note(`slot ${index}: ${open.id} ended ${open.ended}, expected ${expected} (${action} as ${persona})`, 'wrong');
            }
          }
        }
        if (random() < disposeShare) {
          controller.dispose();
          controller = make();
        } else controller.reset();
      }
    } catch (error) {
      stats.errors.thrown++;
      note(`slot ${index}: ${error?.stack ?? error}`, 'thrown');
    } finally {
      controller.dispose();
    }
  }

  await Promise.all(Array.from({ length: controllers }, (_, i) => slot(i)));
  clearInterval(sampler);
  // A late callback after the loops ended would still count as a stray end.
  await sleep(200);
  const during = samples.splice(0);
  sample();
  const after = samples[0];

  const secondHalf = during.filter((s) => s.t >= (during.at(-1)?.t ?? 0) / 2);
  const heap = during.length
    ? {
        samples: during.length,
        firstMB: during[0].heapUsed / 2 ** 20,
        lastMB: during.at(-1).heapUsed / 2 ** 20,
        maxMB: Math.max(...during.map((s) => s.heapUsed)) / 2 ** 20,
        /** Once every controller was disposed. */
        afterMB: after.heapUsed / 2 ** 20,
        /** KB per minute, least squares over the second half of the run. */
        slopeKBPerMin: slope(secondHalf.map((s) => ({ x: s.t / 60_000, y: s.heapUsed / 1024 }))),
      }
    : null;
  const errors = stats.errors.onError + stats.errors.wallet + stats.errors.thrown;
  return {
    ...stats,
    controllers,
    seconds,
    seed,
    durationMs: Date.now() - started,
    heap,
    errorCount: errors,
    /** Every session ended exactly once, as its action called for, without an error. */
    ok: stats.sessions > 0 && stats.endedOnce === stats.sessions && stats.missing === 0 && stats.stray === 0 && stats.wrong === 0 && errors === 0,
  };
}
