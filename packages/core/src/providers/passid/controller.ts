/**
 * `createPassidController(options)`: the neutral flow controller (`flow/controller.ts`) wired
 * to PASSID: its transport (push with polling as the floor, or yours), its machine rules
 * (sanctions), its option checks (live keys, ttl bounds) and its token rules.
 */
import { createFlowController } from '../../flow/controller.js';
import type { FlowController, FlowProvider } from '../../flow/controller.js';
import { resolveMessages } from '../../i18n/messages.js';
import type { Claims } from '../../wire/schemas.js';
import { declineText } from './connect.js';
import { transition } from './machine.js';
import { configurationError, optionWarnings } from './options.js';
import { normalizeToken } from './tokens.js';
import { createPassidTransport } from './transport.js';
declare const process: { env: Record<string, string | undefined> };

import type { CreateSessionParams, DeclineCode, PassidControllerOptions, SessionInfo } from './types.js';

/** What `createPassidController` returns. */
export type PassidController = FlowController<Claims, DeclineCode, SessionInfo, PassidControllerOptions>;

const passid: FlowProvider<Claims, DeclineCode, CreateSessionParams, SessionInfo, PassidControllerOptions> = {
  transition,
  transport: (options, clock) => options.transport ?? createPassidTransport({ ...options, clock }),
  check: configurationError,
  params: ({ institutionName, permissions, ttlSeconds }) => ({ institutionName, permissions, ttlSeconds }),
  normalizeToken(input) {
    const result = normalizeToken(input);
    return result.ok ? { ok: true, value: result.token } : result;
  },
  declineText: (code, options) => declineText(code, resolveMessages(options.locale, options.messages)),
  // Development only: production bundles drop the checks and their texts.
  warnings: typeof process !== 'undefined' && process.env.NODE_ENV !== 'production' ? optionWarnings : undefined,
};

export function createPassidController(options: PassidControllerOptions): PassidController {
  return createFlowController(passid, options);
}
