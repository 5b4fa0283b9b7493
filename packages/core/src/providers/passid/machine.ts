/**
 * PASSID's rules on the neutral machine (`flow/machine.ts`).
 *
 * Sanctions rule: `success` is reached only with claims whose `sanctions_clear` is not
 * `false`. A completed session or an approved token whose claims carry
 * `sanctions_clear: false` goes to `declined` with `HARD_DENY_SANCTIONS_MATCH`, exactly as a
 * verify deny or a poll decline with that reason does. A sanctions hit is never a success,
 * and after one "Try again" ("Start over") goes back to idle, never into a new session.
 */
import { createTransition, initialFlowState } from '../../flow/machine.js';
import type { FlowMachineEvent } from '../../flow/machine.js';
import type { Claims } from '../../wire/schemas.js';
import type { DeclineCode, SessionInfo, VerifyState } from './types.js';

export type VerifyMachineEvent = FlowMachineEvent<Claims, DeclineCode, SessionInfo>;
export type VerifyEventType = VerifyMachineEvent['type'];

/** True when these claims carry a sanctions hit. */
export function isSanctionsHit(claims: Claims | null | undefined): boolean {
  return claims?.sanctions_clear === false;
}

/** The pure transition function of PASSID's flow. Illegal events return `state` itself. */
export const transition: (state: VerifyState, event: VerifyMachineEvent) => VerifyState = /*#__PURE__*/ createTransition<
  Claims,
  DeclineCode,
  SessionInfo
>({
  expired: 'REQUEST_EXPIRED',
  refuse: (claims) => (isSanctionsHit(claims) ? 'HARD_DENY_SANCTIONS_MATCH' : null),
  final: (decline) => decline === 'HARD_DENY_SANCTIONS_MATCH',
});

/** The state of a fresh widget. */
export const initialState: (now?: number) => VerifyState = initialFlowState;
