/** `<PasbyVerify>` server-rendered with React 18 (project `react18-ssr`, Node, no DOM). */
import { describe, expect, it, vi } from 'vitest';
import { version } from 'react';
import { renderToString, version as serverVersion } from 'react-dom/server';
import { PasbyVerify } from './PasbyVerify.js';

describe('<PasbyVerify> on the server with React 18', () => {
  it('really renders with React 18, the idle markup, no stylesheet (no hoisting on 18), no request', () => {
    expect(version).toMatch(/^18\./);
    expect(serverVersion).toMatch(/^18\./);
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const html = renderToString(<PasbyVerify endpoint="/api/pasby" mode="different-device" onSuccess={() => {}} autoStart />);
      expect(html).toContain('data-state="idle"');
      expect(html).toContain('Send to the pasby app');
      expect(html).not.toContain('<style');
      expect(fetchSpy).not.toHaveBeenCalled();
      expect(errors).not.toHaveBeenCalled();
    } finally {
      fetchSpy.mockRestore();
      errors.mockRestore();
    }
  });
});
