/**
 * French texts for `<PasbyVerify>` and `usePasbyVerify`:
 * `import { fr } from '@passid/react/pasby/locales/fr'`, then `<PasbyVerify locale={fr} />`.
 * A separate entry, so English-only bundles do not carry it.
 */
export { fr } from '@passid/core/pasby/locales/fr';
