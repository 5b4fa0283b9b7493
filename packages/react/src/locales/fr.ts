/**
 * French texts for `<PASSIDVerify>` and `usePassidVerify`:
 * `import { fr } from '@passid/react/locales/fr'`, then `<PASSIDVerify locale={fr} />`.
 * A separate entry, so English-only bundles do not carry it.
 */
export { fr } from '@passid/core/locales/fr';
