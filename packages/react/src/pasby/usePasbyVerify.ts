import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { connectPasby, createPasbyController, initialPasbyState, resolvePasbyMessages } from '@passid/core/pasby';
import type { PasbyController, PasbyControllerOptions, PasbyMode, PasbyState, PasbyView } from '@passid/core/pasby';

/** Options of {@link usePasbyVerify}: the controller's options (`endpoint`, `mode`, callbacks, `locale`…). */
export interface UsePasbyVerifyOptions extends PasbyControllerOptions {
  /** Start a session as soon as the widget mounts (not for `different-device`, which needs a NIN first). @default false */
  autoStart?: boolean;
}

/** What {@link usePasbyVerify} returns. */
export interface UsePasbyVerifyResult {
  /** The raw machine state. */
  state: PasbyState;
  /** Everything a UI shows for that state, computed by `connectPasby()` from `@passid/core/pasby`. */
  view: PasbyView;
  /** Start a session; `nin` for different-device (malformed input sets `view.ninErrorText`, sends nothing). */
  start(nin?: string): void;
  /** Clear the NIN field's error (call it when the user edits the field). */
  clearNinError(): void;
  /** "Try again" / "Start again" / "Try another number". */
  retry(): void;
  /** Back to idle in the page's `mode`, cancelling what runs. */
  reset(): void;
  /** Switch mode and start at once: the way onward after NOT_ON_PASBY (`view.fallback`). Until the page changes `mode` or `reset()`. */
  switchMode(mode: PasbyMode): void;
}

/**
 * The headless hook: one pasby controller (one zustand store) per component instance, created
 * once, fed the latest options after every render, subscribed with `useSyncExternalStore`.
 * The mount starts its work (`autoStart`, or the option check), the unmount stops it and
 * cancels an open session at pasby; StrictMode's double mount is one mount: one session.
 */
export function usePasbyVerify(options: UsePasbyVerifyOptions): UsePasbyVerifyResult {
  const [controller] = useState<PasbyController>(() => createPasbyController(options));
  const [serverSnapshot] = useState(() => initialPasbyState());
  const configured = options.mode ?? 'wildcard';
  // A switch (the way onward) holds while the page's own `mode` stays what it was.
  const [switched, setSwitched] = useState<{ from: PasbyMode; to: PasbyMode } | null>(null);
  const mode = switched?.from === configured ? switched.to : configured;

  useEffect(() => {
    controller.setOptions({ ...options, mode });
  });

  const state = useSyncExternalStore(controller.subscribe, controller.getState, () => serverSnapshot);
  const { locale, messages: overrides, institutionName, fallbackMode } = options;
  const messages = useMemo(() => resolvePasbyMessages(locale, overrides), [locale, overrides]);
  const view = useMemo(
    () => connectPasby(state, { messages, mode, fallbackMode, institutionName }),
    [state, messages, mode, fallbackMode, institutionName],
  );
  const switchMode = useCallback(
    (to: PasbyMode) => {
      setSwitched({ from: configured, to });
      controller.switchMode(to);
    },
    [controller, configured],
  );
  const reset = useCallback(() => {
    setSwitched(null);
    controller.reset();
  }, [controller]);
  // The controller's methods are closures (no `this`), stable for the controller's life.
  const { start, clearTokenInputError: clearNinError, retry } = controller;
  return { state, view, start, clearNinError, retry, reset, switchMode };
}
