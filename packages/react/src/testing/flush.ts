/**
 * How the kit's drivers let the widget catch up. Every driver (`approve()`, `fail()`…) runs
 * as: let pending work settle → change the fake → let the consequences settle, all inside
 * React's `act()` when the page is a React act environment (Testing Library sets
 * `IS_REACT_ACT_ENVIRONMENT`), so no "not wrapped in act(...)" warning appears, and outside
 * it otherwise (Storybook, a demo page).
 *
 * "Settle" is one macrotask through a `MessageChannel`: fake timers (Vitest's, Jest's,
 * Sinon's) do not fake it, and every promise chain the fake started (its answers are
 * immediate, never on a timer) has run by then. Timers (countdown, retry delays, polls) are
 * never advanced by the kit: with fake timers that stays the test's choice. Where there is no
 * `MessageChannel` (Jest's jsdom environment), "settle" is 100 promise turns instead: enough
 * for the fake's immediate answers to reach the store.
 */
import * as React from 'react';

type Act = (callback: () => Promise<void>) => Promise<void>;

/** One macrotask, not faked by fake timers. */
export function macrotask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return promiseTurns(100);
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}

/** `n` turns of the microtask queue. */
async function promiseTurns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await Promise.resolve();
}

/**
 * React's `act` (React 18.3 and later export it from `react`), when the page is an act
 * environment; else null.
 */
function actOrNull(): Act | null {
  const environment = (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT;
  if (!environment) return null;
  return ((React as unknown as { act?: Act }).act ?? null);
}

/** Runs `change` between two settles, inside `act()` in an act environment. */
export async function drive<T>(change: () => T): Promise<T> {
  const act = actOrNull();
  let result!: T;
  const run = async () => {
    await macrotask();
    result = change();
    await macrotask();
  };
  if (act) await act(run);
  else await run();
  return result;
}
