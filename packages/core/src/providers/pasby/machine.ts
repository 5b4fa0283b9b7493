/**
 * pasby's rules on the neutral machine (`flow/machine.ts`): an expired session is `EXPIRED`;
 * after `NOT_ON_PASBY` "Try again" goes back to idle (a new number, or the way onward),
 * never into the same refused session again.
 */
import { createTransition, initialFlowState } from '@passid/core';
import type { FlowMachineEvent } from '@passid/core';
import type { PasbyClaims } from './wire/schemas.js';
import type { PasbyDeclineCode, PasbySession, PasbyState } from './types.js';

export type PasbyMachineEvent = FlowMachineEvent<PasbyClaims, PasbyDeclineCode, PasbySession>;

/** The pure transition function of pasby's flow. Illegal events return `state` itself. */
export const pasbyTransition: (state: PasbyState, event: PasbyMachineEvent) => PasbyState = /*#__PURE__*/ createTransition<
  PasbyClaims,
  PasbyDeclineCode,
  PasbySession
>({
  expired: 'EXPIRED',
  final: (decline) => decline === 'NOT_ON_PASBY',
});

/** The state of a fresh pasby widget. */
export const initialPasbyState: (now?: number) => PasbyState = initialFlowState;
