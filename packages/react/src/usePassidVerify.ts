import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { connect, createPassidController, initialState, resolveMessages } from '@passid/core';
import type {
  PassidController,
  PassidControllerOptions,
  VerifyState,
  VerifyView,
} from '@passid/core';

/**
 * Options of {@link usePassidVerify}: the controller's options (`apiKey`, `endpoint`,
 * callbacks, `locale`, `messages`…) plus `autoStart`.
 */
export interface UsePassidVerifyOptions extends PassidControllerOptions {
  /** Start a QR session as soon as the widget mounts. @default false */
  autoStart?: boolean;
}

/** What {@link usePassidVerify} returns. */
export interface UsePassidVerifyResult {
  /** The raw machine state. */
  state: VerifyState;
  /** Everything a UI shows for that state, computed by `connect()` from `@passid/core`. */
  view: VerifyView;
  /** Start the QR flow (no-op while an attempt runs). */
  start(): void;
  /** Verify a manual token (malformed input sets `view.tokenInputErrorText`, sends nothing). */
  submitToken(input: string): void;
  /** Clear the manual token field's error (call it when the user edits the field). */
  clearTokenInputError(): void;
  /** "Try again" / "Generate new code". */
  retry(): void;
  /** Back to idle, cancelling what runs. */
  reset(): void;
}


/**
 * The headless hook: one controller (one zustand store) per component instance, created
 * once, subscribed with `useSyncExternalStore`, fed the latest options after every render,
 * and disposed on unmount.
 *
 * StrictMode mounts, unmounts and re-mounts effects in one synchronous pass: disposal is
 * deferred to a microtask and cancelled by the re-mount, so the double mount keeps ONE
 * controller and creates one session. A real unmount disposes the controller before any
 * timer or response can run. If a disposed instance is ever re-mounted, it gets a fresh
 * controller.
 */
export function usePassidVerify(options: UsePassidVerifyOptions): UsePassidVerifyResult {
  const latest = useRef(options);
  latest.current = options;
  const [controller, setController] = useState<PassidController>(() =>
    createPassidController(options),
  );
  const [serverSnapshot] = useState(() => initialState());
  const pendingDispose = useRef<{ cancelled: boolean } | null>(null);
  const disposed = useRef<PassidController | null>(null);

  useEffect(() => {
    if (pendingDispose.current) pendingDispose.current.cancelled = true;
    pendingDispose.current = null;
    if (disposed.current === controller) {
      setController(createPassidController(latest.current));
      return;
    }
    // A live key in the browser (or options that can never run) shows the error at mount.
    if (latest.current.autoStart) controller.start();
    else controller.check();
    return () => {
      const ticket = { cancelled: false };
      pendingDispose.current = ticket;
      queueMicrotask(() => {
        if (ticket.cancelled) return;
        controller.dispose();
        disposed.current = controller;
      });
    };
  }, [controller]);

  // Push the latest options (and callbacks) after every render. The controller ignores
  // `autoStart`, so the options go through as they are (no copy per render).
  useEffect(() => {
    controller.setOptions(options);
  });

  const state = useSyncExternalStore(controller.subscribe, controller.getState, () => serverSnapshot);
  const { locale, messages: overrides, institutionName } = options;
  const messages = useMemo(() => resolveMessages(locale, overrides), [locale, overrides]);
  const view = useMemo(() => connect(state, { messages, institutionName }), [state, messages, institutionName]);
  // The controller's methods are closures (no `this`), stable for the controller's life.
  const { start, submitToken, clearTokenInputError, retry, reset } = controller;
  return { state, view, start, submitToken, clearTokenInputError, retry, reset };
}
