/**
 * The page's network and visibility (`NetworkWatch`), read at call time. Nothing is touched at
 * import, so the core stays safe in Node and SSR, where the page is always online and visible.
 */
import type { NetworkWatch } from '../flow/types.js';

const EVENTS = ['online', 'offline', 'visibilitychange'] as const;

/** `navigator.onLine`, `document.visibilityState` and their events, when there is a page. */
export const browserNetwork: NetworkWatch = {
  online: () => typeof navigator === 'undefined' || navigator.onLine !== false,
  visible: () => typeof document === 'undefined' || document.visibilityState !== 'hidden',
  subscribe(listener) {
    if (typeof window === 'undefined' || typeof document === 'undefined') return () => undefined;
    const target = (type: (typeof EVENTS)[number]) => (type === 'visibilitychange' ? document : window);
    EVENTS.forEach((type) => target(type).addEventListener(type, listener));
    return () => EVENTS.forEach((type) => target(type).removeEventListener(type, listener));
  },
};
