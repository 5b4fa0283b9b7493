/**
 * What only React 18 does (project `react18`: `react`/`react-dom` are aliased to the
 * `react-18`/`react-dom-18` packages). The shared suite (`PASSIDVerify.test.tsx`: idle, the
 * QR flow to success with one `onSuccess`, StrictMode's one session…) runs in that project
 * too. React 18 has no `<style href precedence>` hoisting, so the stylesheet goes through the
 * guarded `<style data-passid>` path of `PassidStyles`; and SSR markup hydrates on 18.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { StrictMode, version } from 'react';
import { version as domVersion } from 'react-dom';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { PASSIDVerify } from './PASSIDVerify.js';
import type { PASSIDVerifyProps } from './PASSIDVerify.js';
import { STYLESHEET } from './styles.js';
import type { FakeBridge } from './test/fakeBridge.js';
import { advance, setup } from './test/render.js';

/** The stylesheet elements of the document (the injected ones live in `<head>`). */
const sheets = () => [...document.querySelectorAll('style')];

beforeEach(() => {
  // The injected stylesheet outlives the widgets (by design), so start every test without it.
  for (const s of sheets()) s.remove();
});

afterEach(() => {
  vi.useRealTimers();
});

const widget = (bridge: FakeBridge, props: Partial<PASSIDVerifyProps> = {}) => (
  <PASSIDVerify
    apiKey="sk_sandbox_demo"
    baseUrl="https://bridge.test"
    fetch={bridge.fetch}
    onSuccess={() => {}}
    {...props}
  />
);

const root = (container: HTMLElement) => container.querySelector('.passid-root') as HTMLElement;

describe('<PASSIDVerify> on React 18', () => {
  it('really runs on React 18 (react and react-dom), not a silent fall-back to 19', () => {
    expect(version).toMatch(/^18\./);
    expect(domVersion).toMatch(/^18\./);
    // Testing Library's renderer too: React 19 would hoist a <title> into <head>, 18 does not.
    const { container } = render(<title>React 18 renderer</title>);
    expect(container.querySelector('title')?.textContent).toBe('React 18 renderer');
    expect(document.head.querySelector('title')).toBeNull();
  });
});

describe('the stylesheet on React 18', () => {
  it('is injected once into <head> as <style data-passid> for two widgets (StrictMode too)', () => {
    const bridge = setup();
    const { container } = render(
      <StrictMode>
        {widget(bridge)}
        {widget(bridge, { nonce: 'n0nce' })}
      </StrictMode>,
    );
    expect(container.querySelectorAll('.passid-root')).toHaveLength(2);
    expect(sheets()).toHaveLength(1);
    const [sheet] = sheets();
    expect(sheet!.parentElement).toBe(document.head);
    expect(sheet!.hasAttribute('data-passid')).toBe(true);
    expect(sheet!.textContent).toBe(STYLESHEET);
    // No React 19 hoisting attributes, and nothing rendered inside the widgets.
    expect(sheet!.hasAttribute('data-precedence')).toBe(false);
    expect(container.querySelector('style')).toBeNull();
  });

  it('carries the nonce of the widget that injected it', () => {
    const bridge = setup();
    render(widget(bridge, { nonce: 'abc123' }));
    expect(sheets()).toHaveLength(1);
    expect(sheets()[0]!.nonce).toBe('abc123');
  });

  it('stays in the document after the widgets unmount, and a later widget does not add a second', () => {
    const bridge = setup();
    const first = render(
      <>
        {widget(bridge)}
        {widget(bridge)}
      </>,
    );
    first.unmount();
    expect(sheets()).toHaveLength(1);
    render(widget(bridge));
    expect(sheets()).toHaveLength(1);
  });

  it('is not injected again when the page already has it (server-rendered <style data-passid>)', () => {
    const own = document.createElement('style');
    own.setAttribute('data-passid', '');
    own.textContent = STYLESHEET;
    document.head.append(own);
    const bridge = setup();
    render(widget(bridge));
    expect(sheets()).toEqual([own]);
  });
});

describe('SSR + hydration on React 18', () => {
  it('hydrates the server markup without a mismatch, then runs the flow', async () => {
    const bridge = setup();
    const ui = widget(bridge);
    const html = renderToString(ui);
    expect(html).toContain('data-state="idle"');
    expect(html).not.toContain('<style');

    const container = document.createElement('div');
    container.innerHTML = html;
    document.body.append(container);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    let hydrated: ReturnType<typeof hydrateRoot> | undefined;
    try {
      await act(async () => {
        hydrated = hydrateRoot(container, ui);
      });
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
    // Hydration reuses the server's nodes, and the client injected the stylesheet.
    expect(sheets()).toHaveLength(1);
    expect(root(container).dataset.state).toBe('idle');

    fireEvent.click(screen.getByRole('button', { name: 'Generate QR code' }));
    await advance();
    expect(root(container).dataset.state).toBe('awaiting');
    expect(bridge.sessions).toHaveLength(1);

    act(() => hydrated!.unmount());
    container.remove();
  });
});
