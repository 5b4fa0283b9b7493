/**
 * The playground's window on a pasby session: the real transport (`createPasbyTransport`, the
 * same as `<PasbyVerify endpoint>` builds), wrapped to tell the page what the widget shows —
 * the seed on the QR now, the same-device link, the NIN a session was pushed to, the pick-up —
 * so the page can hand them to the wallet simulator. A page of your own needs none of this.
 */
import { createPasbyTransport } from '@passid/core/pasby';
import type { PasbyMode, PasbyTransport, PasbyTransportOptions } from '@passid/core/pasby';

/** What the page knows of the open session. */
export interface PasbyGlimpse {
  mode: PasbyMode;
  /** The seed on the QR now (wildcard). */
  seed?: string;
  /** Same-device. */
  link?: string;
  /** Different-device: the NIN it was pushed to. */
  nin?: string;
  pickedUp: boolean;
}

export function watchedPasbyTransport(options: PasbyTransportOptions, onGlimpse: (glimpse: PasbyGlimpse | null) => void): PasbyTransport {
  const real = createPasbyTransport(options);
  let glimpse: PasbyGlimpse | null = null;
  const show = (next: PasbyGlimpse | null) => onGlimpse((glimpse = next));
  return {
    async createSession(params, ctx) {
      show(null);
      const session = await real.createSession(params, ctx);
      show({ mode: session.mode, seed: session.qrValue, link: session.link, nin: params.nin, pickedUp: false });
      return session;
    },
    watchSession: (session, ctx) =>
      real.watchSession(session, {
        ...ctx,
        onProgress(progress) {
          ctx.onProgress(progress);
          if (glimpse && (progress.qrValue !== undefined || progress.pickedUp !== undefined)) {
            show({ ...glimpse, ...(progress.qrValue !== undefined && { seed: progress.qrValue }), pickedUp: progress.pickedUp ?? glimpse.pickedUp });
          }
        },
      }),
    checkSession: (session, ctx) => real.checkSession(session, ctx),
  };
}
