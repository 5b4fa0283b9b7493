/**
 * `@passid/react/pasby`: `<PasbyVerify>` and `usePasbyVerify`, pasby e-ID for React. A
 * separate entry, so a PASSID-only page ships none of it; it shares the stylesheet, the
 * theme and the pieces (QR canvas, countdown, claims summary) with `<PASSIDVerify>`.
 * Other languages: `@passid/react/pasby/locales/<code>` (fr, sw, ha, yo, ig, ar).
 */

// The drop-in component
export { PasbyVerify } from './PasbyVerify.js';
export type { PasbyVerifyProps } from './PasbyVerify.js';

// The headless hook
export { usePasbyVerify } from './usePasbyVerify.js';
export type { UsePasbyVerifyOptions, UsePasbyVerifyResult } from './usePasbyVerify.js';

// Its own piece and styles (the shared ones are exported by `@passid/react`)
export { NinForm } from './NinForm.js';
export type { NinFormProps } from './NinForm.js';
export { PasbyStyles } from './PasbyStyles.js';
export { PASBY_STYLESHEET } from './styles.js';

// Re-exported from @passid/core/pasby for convenience
export type {
  PasbyClaims,
  PasbyClaimKey,
  PasbyEvent,
  PasbyLocale,
  PasbyMessageOverrides,
  PasbyMode,
  PasbyState,
  PasbyView,
} from '@passid/core/pasby';
