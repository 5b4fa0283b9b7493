/**
 * A deterministic `PasbyTransport` for the pasby stories (in the style of `fakeTransport.ts`):
 * each call does what the script says — resolve, reject, or hang until aborted — and the watch
 * can report progress first (a pick-up, failing reads). No network, no timers, no rotation:
 * the same pixels every time.
 */
import type { PasbyClaims, PasbyMode, PasbyOutcome, PasbySession, PasbyTransport } from '@passid/core/pasby';
import type { Progress } from '@passid/core';
import { STORY_NOW, run, type Step as PasbyStep } from './fakeTransport';

export interface PasbyScript {
  /** `createSession`. @default resolves with the story session of the mode asked for */
  create?: PasbyStep<PasbySession>;
  /** Reported by the watch before its step (e.g. `{ pickedUp: true }`). @default nothing */
  progress?: Progress;
  /** `watchSession`. @default 'hang' (stays awaiting) */
  watch?: PasbyStep<PasbyOutcome>;
}

/** Seeds as pasby makes them (38 hex, `-vi(`, 32 hex). */
export const STORY_SEEDS = [
  'pasby://4f1c2a9e07b3d58e6a1f0c9b2d7e4a3f5b8c1d-vi(9e2f4a7c1b3d5e8f0a6c2b4d7e9f1a3c)',
  'pasby://0b7e3d9a5c1f2e8b4d6a0c3f7e1b9d5a2c8e4f-vi(3c7a1e9b5d2f8c4a6e0b3d7f1a9c5e2b)',
];
export const STORY_LINK = 'https://open.pasby.africa/app/?mode=identification&id=req_1796198400-SBXQ&source=mobile';

/** The story session of a mode: expires 5 min 30 s after STORY_NOW. */
export function storySession(mode: PasbyMode): PasbySession {
  return {
    id: 'eyJtIjoidyJ9.story-handle',
    mode,
    ...(mode === 'wildcard' && { seeds: STORY_SEEDS, qrValue: STORY_SEEDS[0] }),
    ...(mode === 'same-device' && { link: STORY_LINK }),
    expiresAt: STORY_NOW + 330_000,
    serverTime: STORY_NOW,
  };
}

/** Decrypted claims of the sandbox persona amina (every claim asked for). */
export const STORY_CLAIMS: PasbyClaims = {
  naming: { given: 'Amina', middle: 'Njeri', family: 'Wanjiru' },
  contact: { email: 'amina.wanjiru@example.com' },
  bio: { birthdate: '1990-04-12', gender: 'female' },
  nationality: { primary: 'KE', residence: 'NG' },
};

export function fakePasbyTransport(script: PasbyScript = {}): PasbyTransport {
  return {
    createSession: ({ mode }, { signal }) => run(script.create ?? { resolve: storySession(mode) }, signal),
    watchSession(_session, { signal, onProgress }) {
      if (script.progress) onProgress(script.progress);
      return run(script.watch ?? 'hang', signal);
    },
  };
}
