/**
 * `<PASSIDVerify>` server-rendered with React 18 (project `react18-ssr`, Node, no DOM).
 * React 18 cannot hoist `<style href precedence>`, so the markup carries no stylesheet; a
 * React 18 SSR app puts `STYLESHEET` in its `<head>` as `<style data-passid>` (README), and
 * the client then sees it and injects nothing (tested in `PASSIDVerify.react18.test.tsx`).
 */
import { describe, expect, it, vi } from 'vitest';
import { version } from 'react';
import { renderToString, version as serverVersion } from 'react-dom/server';
import { PASSIDVerify } from './PASSIDVerify.js';
import { STYLESHEET } from './styles.js';
import { fr } from '@passid/core/locales/fr';

describe('<PASSIDVerify> on the server with React 18', () => {
  it('really renders with React 18 (react and react-dom/server)', () => {
    expect(version).toMatch(/^18\./);
    expect(serverVersion).toMatch(/^18\./);
  });

  it('renders the idle markup in Node without touching a browser API or the network', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const html = renderToString(<PASSIDVerify apiKey="sk_sandbox_demo" onSuccess={() => {}} autoStart />);
      expect(html).toContain('Generate QR code');
      expect(html).toContain('PASSID token');
      expect(html).toContain('data-state="idle"');
      expect(html).not.toContain('<canvas');
      // No hoisting on 18: the widget itself renders no stylesheet on the server.
      expect(html).not.toContain('<style');
      expect(fetchSpy).not.toHaveBeenCalled();
      expect(errors).not.toHaveBeenCalled();
    } finally {
      fetchSpy.mockRestore();
      errors.mockRestore();
    }
  });

  it('the documented <head> snippet ships the stylesheet verbatim, once for several widgets', () => {
    const html = renderToString(
      <html>
        <head>
          <style data-passid="" nonce="n0nce" dangerouslySetInnerHTML={{ __html: STYLESHEET }} />
        </head>
        <body>
          <PASSIDVerify apiKey="sk_sandbox_demo" onSuccess={() => {}} />
          <PASSIDVerify apiKey="sk_sandbox_demo" onSuccess={() => {}} locale={fr} />
        </body>
      </html>,
    );
    expect(html.match(/<style/g)).toHaveLength(1);
    expect(html).toContain(`<style data-passid="" nonce="n0nce">${STYLESHEET}</style>`);
    expect(html.match(/class="passid-root/g)).toHaveLength(2);
    expect(html).toContain('Générer un code QR');
  });

  it('as a text child instead, React 18 would escape the quotes of the CSS selectors', () => {
    // Why the snippet uses dangerouslySetInnerHTML: the stylesheet has `[data-mode="dark"]`.
    expect(STYLESHEET).toContain('"');
    const html = renderToString(<style data-passid="">{STYLESHEET}</style>);
    expect(html).not.toContain(STYLESHEET);
    expect(html).toContain('&quot;');
  });
});
