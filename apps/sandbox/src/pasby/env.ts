/** What the pasby routes share: the sandbox context, the flow store, the keys and the timings. */
import type { SandboxContext } from '../context.js';
import type { PasbyKeys } from './crypto.js';
import type { FlowStore } from './store.js';

/** Options of the sandbox's pasby emulation (`startSandbox({ pasby })`). */
export interface PasbyOptions {
  /** How long `POST /api/v1/flow/polling` holds a call without a change, in ms. @default 25000 */
  longPollMs?: number;
  /** An SSE stream sends the flow at least this often, in ms. @default 2000 */
  sseIntervalMs?: number;
  /** Aborted when the sandbox closes: open streams and long polls end. */
  signal?: AbortSignal;
}

export interface PasbyEnv {
  readonly ctx: SandboxContext;
  readonly flows: FlowStore;
  readonly keys: PasbyKeys;
  readonly longPollMs: number;
  readonly sseIntervalMs: number;
  readonly signal: AbortSignal | undefined;
}
