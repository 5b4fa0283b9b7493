import { useInsertionEffect, version } from 'react';
import { STYLESHEET } from './styles.js';

/** React 19 hoists and de-duplicates `<style href precedence>`, on the server too. */
const HOISTS = Number.parseInt(version, 10) >= 19;

/**
 * Puts the widget's stylesheet in the document once, however many widgets there are.
 * React ≥ 19: a hoisted `<style href="passid-verify" precedence="passid">` (also in SSR
 * output, so server-rendered markup is styled before hydration). React 18: inserted into
 * `<head>` from an insertion effect, guarded by `style[data-passid]`; nothing runs on the
 * server.
 */
export function PassidStyles({ nonce }: { nonce?: string }) {
  useInsertionEffect(() => {
    if (HOISTS || document.querySelector('style[data-passid]')) return;
    const style = document.createElement('style');
    style.setAttribute('data-passid', '');
    if (nonce) style.nonce = nonce;
    style.textContent = STYLESHEET;
    document.head.prepend(style);
  }, [nonce]);

  if (!HOISTS) return null;
  // `href` + `precedence` are React 19 props; React 18's types do not know them.
  const hoisted = { href: 'passid-verify', precedence: 'passid', nonce };
  return <style {...hoisted}>{STYLESHEET}</style>;
}
