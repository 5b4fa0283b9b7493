import { useInsertionEffect, version } from 'react';
import { PASBY_STYLESHEET } from './styles.js';

/** React 19 hoists and de-duplicates `<style href precedence>`, on the server too. */
const HOISTS = Number.parseInt(version, 10) >= 19;

/**
 * Puts pasby's few extra rules in the document once, beside `PassidStyles` (the shared
 * stylesheet): React ≥ 19 hoists `<style href="passid-pasby" precedence="passid">`; React 18
 * gets one `<style data-passid-pasby>` in `<head>` from an insertion effect.
 */
export function PasbyStyles({ nonce }: { nonce?: string }) {
  useInsertionEffect(() => {
    if (HOISTS || document.querySelector('style[data-passid-pasby]')) return;
    const style = document.createElement('style');
    style.setAttribute('data-passid-pasby', '');
    if (nonce) style.nonce = nonce;
    style.textContent = PASBY_STYLESHEET;
    document.head.append(style);
  }, [nonce]);
  if (!HOISTS) return null;
  const hoisted = { href: 'passid-pasby', precedence: 'passid', nonce };
  return <style {...hoisted}>{PASBY_STYLESHEET}</style>;
}
