import { describe, expect, it, vi } from 'vitest';
import { renderToString } from 'react-dom/server';
import { PASSIDVerify } from './PASSIDVerify.js';
import { fr } from '@passid/core/locales/fr';

describe('<PASSIDVerify> on the server', () => {
  it('renders the idle markup in Node without touching a browser API', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const html = renderToString(<PASSIDVerify apiKey="sk_sandbox_demo" onSuccess={() => {}} autoStart />);
    expect(html).toContain('Generate QR code');
    expect(html).toContain('PASSID token');
    expect(html).toContain('Verify token');
    expect(html).toContain('data-state="idle"');
    expect(html).not.toContain('<canvas');
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(errors).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
    errors.mockRestore();
  });

  it('includes the stylesheet once for several widgets (React 19 hoisting)', () => {
    const html = renderToString(
      <>
        <PASSIDVerify apiKey="sk_sandbox_demo" onSuccess={() => {}} />
        <PASSIDVerify apiKey="sk_sandbox_demo" onSuccess={() => {}} locale={fr} />
      </>,
    );
    expect(html.match(/data-href="passid-verify"/g)).toHaveLength(1);
    expect(html.match(/\.passid-root\{--_primary/g)).toHaveLength(1);
    expect(html).toContain('Générer un code QR');
  });

  it('renders a live key as idle on the server: the refusal happens on the client, when the widget mounts', () => {
    const html = renderToString(<PASSIDVerify apiKey="sk_live_abc" onSuccess={() => {}} />);
    expect(html).toContain('Generate QR code');
    expect(html).not.toContain('sk_live_abc');
  });
});
