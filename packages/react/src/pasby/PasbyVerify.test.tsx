/**
 * `<PasbyVerify>` in jsdom (projects `react` and `react18`), driven through the core by the
 * proxy's browser contract stubbed at `fetch` (`packages/core/src/test/pasbyProxy.ts`), on
 * fake timers: every state, the rotating QR decoded from the canvas, the pick-up, the link,
 * the NIN, NOT_ON_PASBY and the way onward, cancel on unmount, StrictMode, focus, texts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import jsQR from 'jsqr';
import { clock as testClock } from '../../../core/src/test/clock.js';
import { AMINA, ENDPOINT, LINK, SEEDS, fakePasbyProxy } from '../../../core/src/test/pasbyProxy.js';
import type { FakeProxyOptions } from '../../../core/src/test/pasbyProxy.js';
import { advance } from '../test/render.js';
import { fr } from '@passid/core/pasby/locales/fr';
import { PasbyVerify } from './PasbyVerify.js';
import type { PasbyVerifyProps } from './PasbyVerify.js';

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-12-03T09:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

function widget(props: Partial<PasbyVerifyProps> = {}, server: FakeProxyOptions = {}) {
  const proxy = fakePasbyProxy(server);
  const onSuccess = vi.fn();
  const onDecline = vi.fn();
  const onError = vi.fn();
  const ui = (
    <PasbyVerify endpoint={ENDPOINT} fetch={proxy.fetch} clock={testClock} onSuccess={onSuccess} onDecline={onDecline} onError={onError} {...props} />
  );
  return { proxy, ui, onSuccess, onDecline, onError };
}

const root = () => document.querySelector('.passid-root') as HTMLElement;
const live = () => screen.getByRole('status').textContent;
/** The visible part (the live region repeats some texts for screen readers). */
const panel = () => document.querySelector('.passid-panel') as HTMLElement;

function decode(): string | undefined {
  const canvas = screen.getByRole('img') as HTMLCanvasElement;
  const ctx = canvas.getContext('2d')!;
  const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  return jsQR(new Uint8ClampedArray(data), canvas.width, canvas.height)?.data;
}
const notOnPasby = () => ({ status: 404, body: { error: { code: 'NOT_ON_PASBY', message: '[passid] This national identification number has no pasby digital ID.' } } });

describe('<PasbyVerify> wildcard', () => {
  it('idle: one "Show QR code" button, nothing announced yet', () => {
    const { proxy, ui } = widget();
    render(ui);
    expect(root().dataset).toMatchObject({ state: 'idle', pasbyMode: 'wildcard' });
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Verify with pasby');
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Show QR code']);
    expect(live()).toBe('');
    expect(proxy.calls).toEqual([]);
  });

  it('draws a seed of the flow on the canvas, and the next one 5 s later, without announcing each', async () => {
    const { ui } = widget();
    render(ui);
    fireEvent.click(screen.getByRole('button', { name: 'Show QR code' }));
    await advance();
    expect(root().dataset.state).toBe('awaiting');
    expect(screen.getByRole('img', { name: /Scan it with the pasby app/ })).toBeTruthy();
    expect(decode()).toBe(SEEDS[2]);
    const announced = live();
    expect(announced).toBe('QR code ready. Waiting for a scan with the pasby app.');
    expect(screen.getByRole('timer').textContent).toBe('Expires in 6:00');
    await advance(5000);
    expect(decode()).toBe(SEEDS[3]);
    expect(live()).toBe(announced);
  });

  it('once picked up: no QR, "Approve in your pasby app"; then the decrypted names, as text', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const { proxy, ui, onSuccess } = widget();
    render(ui);
    fireEvent.click(screen.getByRole('button', { name: 'Show QR code' }));
    await advance();
    act(() => proxy.stream.send(proxy.view('pending', { pickedUp: true })));
    await advance();
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Approve in your pasby app' })).toBeTruthy();
    expect(live()).toBe('The request is open in the pasby app. Waiting for approval.');
    const claims = { ...AMINA, contact: { email: hostile } };
    act(() => proxy.stream.send(proxy.view('completed', { claims })));
    await advance();
    expect(root().dataset.state).toBe('success');
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onSuccess).toHaveBeenCalledWith(claims);
    expect(screen.getByRole('heading', { name: 'Identity confirmed' })).toBeTruthy();
    expect(panel().querySelector('.passid-name')?.textContent).toBe('Amina Njeri Wanjiru');
    expect(panel().querySelector('img')).toBeNull();
    expect(screen.getByText(hostile).tagName).toBe('DD');
    expect([...panel().querySelectorAll('dt')].map((dt) => dt.textContent)).toEqual(['Given name', 'Middle name', 'Family name', 'Email']);
  });
});

describe('<PasbyVerify> same-device', () => {
  it('"Open pasby" is a disabled link until the link exists, then a real link (new tab), and focus goes to it', async () => {
    const { ui } = widget({ mode: 'same-device' }, { create: () => undefined });
    render(ui);
    const start = screen.getByRole('button', { name: 'Continue with pasby' });
    start.focus();
    fireEvent.click(start);
    const disabled = screen.getByRole('link', { name: 'Open pasby' });
    expect(disabled.getAttribute('href')).toBeNull();
    expect(disabled.getAttribute('aria-disabled')).toBe('true');
    await advance();
    const link = screen.getByRole('link', { name: 'Open pasby' });
    expect(link.getAttribute('href')).toBe(LINK);
    expect(link.getAttribute('aria-disabled')).toBeNull();
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toContain('noopener');
    expect(document.activeElement).toBe(link);
  });

  it('the link goes once the app has the flow, and focus stays in the widget', async () => {
    const { proxy, ui } = widget({ mode: 'same-device', autoStart: true });
    render(ui);
    await advance();
    screen.getByRole('link', { name: 'Open pasby' }).focus();
    act(() => proxy.stream.send(proxy.view('pending', { pickedUp: true })));
    await advance();
    expect(screen.queryByRole('link')).toBeNull();
    expect(document.activeElement).toBe(panel());
  });
});

describe('<PasbyVerify> different-device', () => {
  it('a labelled NIN field: a malformed NIN is an alert on the field, and nothing is sent', async () => {
    const { proxy, ui } = widget({ mode: 'different-device' });
    render(ui);
    const field = screen.getByRole<HTMLInputElement>('textbox', { name: 'National identification number (NIN)' });
    expect(field.getAttribute('inputmode')).toBe('numeric');
    fireEvent.change(field, { target: { value: '1234' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send to the pasby app' }));
    await advance();
    expect(screen.getByRole('alert').textContent).toBe('A national identification number has exactly 11 digits.');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toContain(screen.getByRole('alert').id);
    expect(proxy.calls).toEqual([]);
    fireEvent.change(field, { target: { value: '1234 5678 901' } });
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.submit(field.form!);
    await advance();
    expect(proxy.creates()[0]?.body).toEqual({ mode: 'different-device', nin: '12345678901' });
    expect(root().dataset.state).toBe('awaiting');
    expect(panel().textContent).toContain('We sent a request to the pasby app');
  });

  it('NOT_ON_PASBY: a decline with "Use a QR code instead" (focused), which starts a QR session', async () => {
    const { proxy, ui, onDecline, onError } = widget({ mode: 'different-device' }, { create: (n) => (n === 0 ? notOnPasby() : undefined) });
    render(ui);
    const field = screen.getByRole('textbox') as HTMLInputElement;
    field.focus();
    fireEvent.change(field, { target: { value: '99999999999' } });
    fireEvent.submit(field.form!);
    await advance();
    expect(root().dataset.state).toBe('declined');
    expect(onError).not.toHaveBeenCalled();
    expect(onDecline).toHaveBeenCalledWith('This national identification number has no pasby digital ID.', { code: 'NOT_ON_PASBY' });
    expect(screen.getByRole('heading', { name: 'No pasby ID for this number' })).toBeTruthy();
    const onward = screen.getByRole('button', { name: 'Use a QR code instead' });
    expect(document.activeElement).toBe(onward);
    expect(screen.getByRole('button', { name: 'Try another number' }).dataset.variant).toBe('secondary');
    fireEvent.click(onward);
    await advance();
    expect(proxy.creates().at(-1)?.body).toEqual({ mode: 'wildcard' });
    expect(root().dataset).toMatchObject({ state: 'awaiting', pasbyMode: 'wildcard' });
    expect(decode()).toBe(SEEDS[2]);
  });

  it('"Try another number" goes back to the NIN field', async () => {
    const { ui } = widget({ mode: 'different-device' }, { create: () => notOnPasby() });
    render(ui);
    fireEvent.change(screen.getByRole('textbox'), { target: { value: '99999999999' } });
    fireEvent.submit(screen.getByRole('textbox').closest('form')!);
    await advance();
    fireEvent.click(screen.getByRole('button', { name: 'Try another number' }));
    await advance();
    expect(root().dataset.state).toBe('idle');
    expect(screen.getByRole('textbox', { name: /NIN/ })).toBeTruthy();
  });
});

describe('<PasbyVerify> lifecycle', () => {
  it('unmount cancels the open session at the proxy', async () => {
    const { proxy, ui } = widget({ autoStart: true });
    const { unmount } = render(ui);
    await advance();
    expect(proxy.cancels()).toEqual([]);
    unmount();
    await advance();
    expect(proxy.cancels().map((c) => c.path)).toEqual([`${ENDPOINT}/session/h1.mac/cancel`]);
    const count = proxy.calls.length;
    await advance(60_000);
    expect(proxy.calls).toHaveLength(count);
  });

  it('StrictMode: autoStart creates one session and cancels none; unmount cancels it once', async () => {
    const { proxy, ui } = widget({ autoStart: true });
    const { unmount } = render(<StrictMode>{ui}</StrictMode>);
    await advance(6000);
    expect(proxy.creates()).toHaveLength(1);
    expect(proxy.cancels()).toEqual([]);
    expect(root().dataset.state).toBe('awaiting');
    unmount();
    await advance();
    expect(proxy.cancels()).toHaveLength(1);
  });

  it('a configuration mistake (no endpoint) shows the error at mount, and a key in the props is refused', async () => {
    const { ui } = widget({ endpoint: undefined });
    const { unmount } = render(ui);
    expect(root().dataset.state).toBe('error');
    expect(panel().textContent).toContain('pasby is not configured correctly');
    unmount();
    const withKey = widget({ ...({ apiKey: 'bk-live_x' } as object) });
    render(withKey.ui);
    expect(root().dataset.state).toBe('error');
    expect(withKey.onError.mock.calls[0]?.[0].message).toMatch(/no direct mode/);
  });

  it('expiry: "Request expired" and "Start again", which starts a new session', async () => {
    const { proxy, ui } = widget({ autoStart: true, watch: 'poll' });
    render(ui);
    await advance();
    await advance(360_000);
    expect(screen.getByRole('heading', { name: 'Request expired' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Start again' }));
    await advance();
    expect(proxy.creates()).toHaveLength(2);
    expect(root().dataset.state).toBe('awaiting');
  });
});

describe('<PasbyVerify> presentation', () => {
  it('themes like <PASSIDVerify>: primary colour, text on it, colour scheme, extra class', () => {
    const { ui } = widget({ theme: { primary: '#1d4ed8', mode: 'dark' }, className: 'mine' });
    render(ui);
    expect(root().className).toBe('passid-root passid-pasby mine');
    expect(root().dataset.mode).toBe('dark');
    expect(root().style.getPropertyValue('--passid-primary')).toBe('#1d4ed8');
    expect(root().style.getPropertyValue('--passid-on-primary')).toBe('#ffffff');
  });

  it('speaks French, with overrides and the institution in the heading', () => {
    const { ui } = widget({ locale: fr, institutionName: 'Banque Démo', messages: { start: { wildcard: 'Scanner avec pasby' } } });
    render(ui);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Vérifier avec pasby pour Banque Démo');
    expect(screen.getByRole('button').textContent).toBe('Scanner avec pasby');
  });
});
