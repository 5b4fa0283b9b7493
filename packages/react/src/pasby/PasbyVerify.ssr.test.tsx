import { describe, expect, it, vi } from 'vitest';
import { renderToString } from 'react-dom/server';
import { fr } from '@passid/core/pasby/locales/fr';
import { PasbyVerify } from './PasbyVerify.js';

describe('<PasbyVerify> on the server', () => {
  it('renders the idle markup of each mode in Node, touching no browser API and no network', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const wildcard = renderToString(<PasbyVerify endpoint="/api/pasby" onSuccess={() => {}} autoStart />);
      expect(wildcard).toContain('data-state="idle"');
      expect(wildcard).toContain('data-pasby-mode="wildcard"');
      expect(wildcard).toContain('Show QR code');
      expect(wildcard).not.toContain('<canvas');
      expect(renderToString(<PasbyVerify endpoint="/api/pasby" mode="same-device" onSuccess={() => {}} />)).toContain('Continue with pasby');
      const nin = renderToString(<PasbyVerify endpoint="/api/pasby" mode="different-device" onSuccess={() => {}} />);
      expect(nin).toContain('National identification number (NIN)');
      expect(nin).toContain('inputMode="numeric"');
      expect(fetchSpy).not.toHaveBeenCalled();
      expect(errors).not.toHaveBeenCalled();
    } finally {
      fetchSpy.mockRestore();
      errors.mockRestore();
    }
  });

  it('hoists the shared stylesheet and pasby\'s rules once for several widgets (React 19)', () => {
    const html = renderToString(
      <>
        <PasbyVerify endpoint="/api/pasby" onSuccess={() => {}} />
        <PasbyVerify endpoint="/api/pasby" onSuccess={() => {}} locale={fr} />
      </>,
    );
    // React merges the styles of one precedence into one element, in order: shared first.
    expect(html.match(/<style/g)).toHaveLength(1);
    expect(html).toContain('data-href="passid-verify passid-pasby"');
    expect(html.match(/\.passid-root\{--_primary/g)).toHaveLength(1);
    expect(html.match(/a\.passid-btn\{/g)).toHaveLength(1);
    expect(html.indexOf('a.passid-btn{')).toBeGreaterThan(html.indexOf('.passid-btn:hover'));
    expect(html).toContain('Afficher le code QR');
  });
});
