/**
 * `createPasbyController(options)`: the neutral flow controller (`flow/controller.ts`) wired to
 * pasby: its transport (the institution's proxy, push with polling as the floor, rotating
 * seeds, cancel when left early), its machine rules, its option checks, the NIN a
 * different-device session needs, and `NOT_ON_PASBY` as a decline with a way onward.
 */
import { createFlowController } from '@passid/core';
import type { FlowController, FlowProvider } from '@passid/core';
import { pasbyTransition } from './machine.js';
import { resolvePasbyMessages } from './messages.js';
import { modeOf, pasbyConfigurationError, pasbyDeclineOf, pasbySessionInput } from './options.js';
import { createPasbyTransport } from './transport.js';
import type { PasbyControllerOptions, PasbyDeclineCode, PasbyParams, PasbySession } from './types.js';
import type { PasbyMode } from './wire/constants.js';
import type { PasbyClaims } from './wire/schemas.js';

declare const process: { env: Record<string, string | undefined> };

/** What `createPasbyController` returns: the flow controller, plus the mode and a way to switch it. */
export interface PasbyController extends FlowController<PasbyClaims, PasbyDeclineCode, PasbySession, PasbyControllerOptions> {
  /** The mode of the next session (the options' `mode`, or the last `switchMode`). */
  mode(): PasbyMode;
  /**
   * Switch to another mode and start a session in it, e.g. the way onward after
   * `NOT_ON_PASBY` (`view.fallback`): "Use a QR code instead". Same as `setOptions` with the
   * new mode, then `start()`.
   */
  switchMode(mode: PasbyMode): void;
}

const pasby: FlowProvider<PasbyClaims, PasbyDeclineCode, PasbyParams, PasbySession, PasbyControllerOptions> = {
  transition: pasbyTransition,
  transport: (options, clock) => options.transport ?? createPasbyTransport({ ...options, endpoint: options.endpoint ?? '', clock }),
  check: pasbyConfigurationError,
  params: (options, input) => ({
    mode: modeOf(options),
    ...(modeOf(options) === 'different-device' && { nin: input }),
    ...(options.claims && { claims: options.claims }),
  }),
  sessionInput: pasbySessionInput,
  declineOf: pasbyDeclineOf,
  declineText: (code, options) => {
    const m = resolvePasbyMessages(options.locale, options.messages);
    return m.decline[code] ?? m.decline.UNKNOWN_DECLINE;
  },
  // Development only: production bundles drop the check and its text.
  warnings:
    typeof process !== 'undefined' && process.env.NODE_ENV !== 'production'
      ? (options) => [['fallback', options.fallbackMode !== undefined && options.fallbackMode === modeOf(options), `fallbackMode is the same as mode (${modeOf(options)}): no way onward is offered after NOT_ON_PASBY.`]]
      : undefined,
};

/** `autoStart` has nothing to start a different-device session with (it needs a NIN): it waits for the form. */
const runnable = (options: PasbyControllerOptions): PasbyControllerOptions =>
  options.autoStart && modeOf(options) === 'different-device' ? { ...options, autoStart: false } : options;

export function createPasbyController(options: PasbyControllerOptions): PasbyController {
  let current = options;
  const flow = createFlowController(pasby, runnable(options));
  return {
    ...flow,
    setOptions(next) {
      current = next;
      flow.setOptions(runnable(next));
    },
    mode: () => modeOf(current),
    switchMode(mode) {
      flow.setOptions(runnable((current = { ...current, mode })));
      flow.start();
    },
  };
}
