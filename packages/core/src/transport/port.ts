/**
 * The transport port: how a provider's sessions are created, watched, checked and cancelled,
 * in neutral terms. The flow controller calls only this; PASSID (`providers/passid`) and
 * pasby implement it. Every method must stop all I/O when its `signal` aborts.
 */
import type { DirectResult, NetworkWatch, FlowOutcome, Progress, Session } from '../flow/types.js';

/** What `watchSession` gets besides the session. */
export interface WatchContext {
  signal: AbortSignal;
  /** Report what was learned while the session is open (new QR value, pick-up, connection…). */
  onProgress: (progress: Progress) => void;
  /** The page's network and visibility, for transports that pause when offline and slow down when hidden. */
  network?: NetworkWatch;
}

export interface FlowTransport<C, D, P, S extends Session = Session> {
  /** Creates a session from the provider's parameters. */
  createSession(params: P, ctx: { signal: AbortSignal }): Promise<S>;
  /**
   * Resolves when the session reaches an end state; rejects (with a `PassidError`) only when
   * watching failed persistently. `signal` aborts when the widget leaves the session before it
   * ended (reset, dispose, unmount, a typed token, local expiry): a provider that can void a
   * session (pasby's cancel) does it then.
   */
  watchSession(session: S, ctx: WatchContext): Promise<FlowOutcome<C, D>>;
  /**
   * Optional: one status check, made when the local countdown runs out (the customer may
   * have approved at the last second). `null` means still pending. Without it, local expiry
   * ends the session as expired.
   */
  checkSession?(session: S, ctx: { signal: AbortSignal }): Promise<FlowOutcome<C, D> | null>;
  /** Optional: a direct check of a token a person typed (PASSID's manual entry). */
  verifyToken?(params: { token: string; idempotencyKey: string }, ctx: { signal: AbortSignal }): Promise<DirectResult<C, D>>;
}
