/**
 * `createPassidController(options)`: one verification widget, headless. Holds a zustand
 * vanilla store (one per controller), runs the machine of `machine.ts`, and attaches the
 * side effects to states.
 */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import { initialState } from './machine.js';
import type { PassidControllerOptions, VerifyState } from './types.js';

/** What `createPassidController` returns. */
export interface PassidController {
  /** The zustand vanilla store (for `useStore` / `useSyncExternalStore`). */
  store: StoreApi<VerifyState>;
  getState(): VerifyState;
  /** Subscribe to state changes; returns the unsubscribe function. */
  subscribe(listener: (state: VerifyState, previous: VerifyState) => void): () => void;
  /** Start the QR flow. A no-op while requesting, awaiting or verifying (one session per click burst). */
  start(): void;
  /** Verify a manual token. Malformed input sets `tokenInputError` and sends nothing. */
  submitToken(input: string): void;
  /** Clears `tokenInputError` (call it when the user edits the field). */
  clearTokenInputError(): void;
  /**
   * "Try again" / "Generate new code", from `declined` or `error`:
   * - last mode `qr` → a new QR session;
   * - last mode `token`, ended in `error` → the same token is sent again with the SAME
   *   Idempotency-Key;
   * - last mode `token`, ended in `declined` → back to `idle` (the token was refused; the
   *   customer needs a new one).
   */
  retry(): void;
  /** Back to `idle`, cancelling whatever runs. */
  reset(): void;
  /** Replace the options (callbacks are always read from the latest options). */
  setOptions(options: PassidControllerOptions): void;
  /** Stop everything for good: no request, no timer, no callback after this. */
  dispose(): void;
}

export function createPassidController(options: PassidControllerOptions): PassidController {
  void options;
  const store = createStore<VerifyState>()(() => initialState(Date.now()));
  throw Object.assign(new Error('[passid] not implemented yet'), { store });
}
