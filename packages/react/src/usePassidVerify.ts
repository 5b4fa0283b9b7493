import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
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
  /**
   * After a success, offer "Verify another customer" (`view.showNextCustomer`): it calls
   * `reset()`, a fresh idle widget for the next customer at a branch desk. `onSuccess` still
   * fires once per session.
   * @default false
   */
  nextCustomer?: boolean;
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
  /** Back to idle, cancelling what runs ("Verify another customer" after a success). */
  reset(): void;
}


/**
 * The headless hook: one controller (one zustand store) per component instance, created
 * once, fed the latest options after every render, and subscribed with
 * `useSyncExternalStore`. The controller's work starts and stops with its subscribers: the
 * mount starts it (`autoStart`, or the option check that shows a live key's error at once),
 * the unmount stops it and voids an open session. React StrictMode's double mount
 * unsubscribes and subscribes again in one task, which the controller treats as one mount:
 * one session, not two.
 */
export function usePassidVerify(options: UsePassidVerifyOptions): UsePassidVerifyResult {
  const [controller] = useState<PassidController>(() => createPassidController(options));
  const [serverSnapshot] = useState(() => initialState());

  // Push the latest options (and callbacks) after every render, before the subscription
  // below starts the controller on mount.
  useEffect(() => {
    controller.setOptions(options);
  });

  const state = useSyncExternalStore(controller.subscribe, controller.getState, () => serverSnapshot);
  const { locale, messages: overrides, institutionName, nextCustomer } = options;
  const messages = useMemo(() => resolveMessages(locale, overrides), [locale, overrides]);
  const view = useMemo(
    () => connect(state, { messages, institutionName, nextCustomer }),
    [state, messages, institutionName, nextCustomer],
  );
  // The controller's methods are closures (no `this`), stable for the controller's life.
  const { start, submitToken, clearTokenInputError, retry, reset } = controller;
  return { state, view, start, submitToken, clearTokenInputError, retry, reset };
}
