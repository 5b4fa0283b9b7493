/** Test helpers for the pasby emulation: a real sandbox, pasby's headers, SSE reading, decryption. */
import forge from 'node-forge';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../server.js';
import { call, type Reply } from './helpers.js';

export const KEY = 'bk-test_sandbox';
export const SECRET = 'snb_sandbox';
export const V2 = { 'x-api-key': KEY, 'x-access-secret': SECRET };
export const OTHER_V2 = { 'x-api-key': 'bk-test_other', 'x-access-secret': 'snb_other' };
export const NIN = { amina: '12345678901', chidi: '23456789012', kwame: '34567890123', zed: '45678901234' } as const;

export interface PasbyClient {
  sandbox: RunningSandbox;
  base: string;
  /** `path` after `/pasby`. */
  call(method: string, path: string, init?: { headers?: Record<string, string>; body?: unknown; raw?: string }): Promise<Reply>;
}

export async function startPasby(options: SandboxOptions = {}): Promise<PasbyClient> {
  const sandbox = await startSandbox({ dbPath: ':memory:', rateLimit: '0', ...options });
  const base = `${sandbox.url}/pasby`;
  return { sandbox, base, call: (m, p, i) => call(base, m, p, i) };
}

export const identification = { action: 'login', claims: ['naming.given', 'naming.family'], payload: 'Sign in to Sandbox Bank' };

/** Creates a wildcard flow; returns its id and seeds. */
export async function wildcard(p: PasbyClient, seeds = 3, claims = identification.claims): Promise<{ id: string; seeds: string[] }> {
  const r = await p.call('POST', '/api/v2/identification/wildcard', { headers: V2, body: { ...identification, claims, seeds } });
  if (r.status !== 201) throw new Error(`wildcard: ${r.status} ${r.text}`);
  return { id: r.json.data.request.id, seeds: r.json.data.seeds };
}

export const wallet = (p: PasbyClient, action: string, body: Record<string, unknown>) =>
  p.call('POST', `/sandbox/wallet/${action}`, { body });

export const ping = (p: PasbyClient, request: string, headers: Record<string, string> = V2) =>
  p.call('POST', '/api/v2/flow/ping', { headers, body: { request } });

/** Decrypts every leaf with node-forge (RSA PKCS#1 v1.5), as an institution would. */
export function decryptAll(claims: Record<string, Record<string, string>>, privateKeyPem: string): Record<string, Record<string, string>> {
  const key = forge.pki.privateKeyFromPem(privateKeyPem);
  const out: Record<string, Record<string, string>> = {};
  for (const [group, leaves] of Object.entries(claims)) {
    out[group] = {};
    for (const [name, value] of Object.entries(leaves)) {
      out[group][name] = forge.util.decodeUtf8(key.decrypt(forge.util.decode64(value), 'RSAES-PKCS1-V1_5'));
    }
  }
  return out;
}

export interface SseEvent {
  event: string;
  data: string;
}

/** Opens an SSE stream and reads its events as they come (a minimal reader for tests). */
export async function openSse(url: string, headers: Record<string, string>) {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  const events: SseEvent[] = [];
  let ended = false;
  const waiters: (() => void)[] = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  const pump = (async () => {
    if (!response.body || response.status !== 200) return;
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
          const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
          if (data !== '') events.push({ event, data });
          wake();
        }
      }
    } catch {
      // aborted
    } finally {
      ended = true;
      wake();
    }
  })();
  return {
    response,
    events,
    get ended() {
      return ended;
    },
    /** Resolves once `count` events arrived (or the stream ended), failing after `timeoutMs`. */
    async waitFor(count: number, timeoutMs = 10_000): Promise<SseEvent[]> {
      const deadline = Date.now() + timeoutMs;
      while (events.length < count && !ended) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} events (have ${events.length})`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 50);
        });
      }
      return events;
    },
    async waitEnd(timeoutMs = 10_000): Promise<void> {
      await Promise.race([pump, new Promise((_, reject) => setTimeout(() => reject(new Error('stream did not end')), timeoutMs))]);
    },
    close: () => controller.abort(),
  };
}
