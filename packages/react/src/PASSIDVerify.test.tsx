import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { StrictMode } from 'react';
import jsQR from 'jsqr';
import { en } from '@passid/core';
import { PASSIDVerify } from './PASSIDVerify.js';
import type { PASSIDVerifyProps } from './PASSIDVerify.js';
import { CLAIMS_A } from './test/fakeBridge.js';
import type { FakeBridge } from './test/fakeBridge.js';
import { advance, setup } from './test/render.js';
import { fr } from '@passid/core/locales/fr';

afterEach(() => {
  vi.useRealTimers();
});

function widget(bridge: FakeBridge, props: Partial<PASSIDVerifyProps> = {}) {
  const onSuccess = vi.fn();
  const onDecline = vi.fn();
  const onError = vi.fn();
  const ui = (
    <PASSIDVerify
      apiKey="sk_sandbox_demo"
      baseUrl="https://bridge.test"
      fetch={bridge.fetch}
      onSuccess={onSuccess}
      onDecline={onDecline}
      onError={onError}
      {...props}
    />
  );
  return { ui, onSuccess, onDecline, onError };
}

const root = (container: HTMLElement) => container.querySelector('.passid-root') as HTMLElement;
const clickGenerate = () => fireEvent.click(screen.getByRole('button', { name: 'Generate QR code' }));

function submitToken(token: string, label = 'PASSID token', button = 'Verify token') {
  fireEvent.change(screen.getByLabelText(label), { target: { value: token } });
  fireEvent.click(screen.getByRole('button', { name: button }));
}
/** After `unmount`, a minute passes without a single request. */
async function expectSilentAfter(unmount: () => void, bridge: FakeBridge) {
  unmount();
  await advance();
  const count = bridge.calls.length;
  await advance(60_000);
  expect(bridge.calls).toHaveLength(count);
}
/** The visible part (the live region repeats some texts for screen readers). */
const panel = () => document.querySelector('.passid-panel') as HTMLElement;

describe('<PASSIDVerify> states', () => {
  it('idle: a "Generate QR code" button and a labelled manual token field', () => {
    const bridge = setup();
    const { container } = render(widget(bridge).ui);
    expect(root(container).dataset.state).toBe('idle');
    expect(screen.getByRole('button', { name: 'Generate QR code' })).toBeTruthy();
    const input = screen.getByRole('textbox', { name: 'PASSID token' });
    expect(input.getAttribute('autocomplete')).toBe('off');
    expect(input.getAttribute('autocapitalize')).toBe('characters');
    expect(input.getAttribute('spellcheck')).toBe('false');
    expect(input.getAttribute('inputmode')).toBe('text');
    expect(screen.getByRole('button', { name: 'Verify token' })).toBeTruthy();
    expect(bridge.calls).toHaveLength(0);
  });

  it('idle → requesting → awaiting → success, with onSuccess called exactly once with the claims', async () => {
    const bridge = setup();
    const { ui, onSuccess } = widget(bridge);
    const { container } = render(ui);

    clickGenerate();
    expect(root(container).dataset.state).toBe('requesting');
    expect(within(panel()).getByText('Creating verification session…')).toBeTruthy();

    await advance();
    expect(root(container).dataset.state).toBe('awaiting');
    const session = bridge.latest();
    expect(screen.getByRole('img', { name: new RegExp(session.code) })).toBeTruthy();
    expect(screen.getByText(session.code)).toBeTruthy();
    expect(screen.getByRole('timer').textContent).toBe('Expires in 10:00');
    expect(container.querySelector('.passid-pulse')).not.toBeNull();

    await advance(2500);
    expect(screen.getByRole('timer').textContent).toBe('Expires in 9:58');
    expect(bridge.callsTo('GET', `/request/${session.requestId}`).length).toBeGreaterThanOrEqual(1);

    bridge.complete();
    await advance(2500);
    expect(root(container).dataset.state).toBe('success');
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onSuccess).toHaveBeenCalledWith(CLAIMS_A);
    expect(screen.getByRole('heading', { name: 'Credential verified' })).toBeTruthy();
    expect(screen.getByText('FSI 812')).toBeTruthy();
    expect(screen.getByText('Tier A')).toBeTruthy();
    const claims = container.querySelector('dl.passid-claims') as HTMLElement;
    expect(within(panel()).getByText('Verified claims')).toBeTruthy();
    expect(within(claims).getByText('Income band')).toBeTruthy();
    expect(within(claims).getByText('GBP 30k-45k')).toBeTruthy();

    const polls = bridge.calls.length;
    await advance(30_000);
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(bridge.calls).toHaveLength(polls);
  });

  it('the drawn QR decodes back to exactly the deep link', async () => {
    const bridge = setup();
    render(widget(bridge).ui);
    clickGenerate();
    await advance();
    const canvas = screen.getByRole('img') as HTMLCanvasElement;
    const ctx = canvas.getContext('2d')!;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    expect(jsQR(new Uint8ClampedArray(data), canvas.width, canvas.height)?.data).toBe(bridge.latest().deepLink);
  });

  it('expiry: "Request expired", onDecline("Request expired"), and "Generate new code" makes a new session', async () => {
    const bridge = setup();
    const { ui, onDecline } = widget(bridge, { ttlSeconds: 60 });
    const { container } = render(ui);
    clickGenerate();
    await advance();
    const first = bridge.latest();
    expect(bridge.callsTo('POST', '/request')[0]?.body).toMatchObject({ ttlSeconds: 60 });

    await advance(61_000);
    expect(root(container).dataset.state).toBe('declined');
    expect(screen.getByRole('heading', { name: 'Request expired' })).toBeTruthy();
    expect(onDecline).toHaveBeenCalledTimes(1);
    expect(onDecline).toHaveBeenCalledWith('Request expired', { code: 'REQUEST_EXPIRED' });
    const polls = bridge.calls.length;
    await advance(10_000);
    expect(bridge.calls).toHaveLength(polls);

    fireEvent.click(screen.getByRole('button', { name: 'Generate new code' }));
    await advance();
    expect(root(container).dataset.state).toBe('awaiting');
    expect(bridge.sessions).toHaveLength(2);
    expect(bridge.latest().code).not.toBe(first.code);
    expect(screen.getByText(bridge.latest().code)).toBeTruthy();
    expect(screen.queryByText(first.code)).toBeNull();
  });

  it('customer decline: the friendly reason and "Try again"', async () => {
    const bridge = setup();
    const { ui, onDecline, onSuccess } = widget(bridge);
    render(ui);
    clickGenerate();
    await advance();
    bridge.decline('CUSTOMER_DECLINED');
    await advance(2500);
    expect(within(panel()).getByText(en.decline.CUSTOMER_DECLINED)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
    expect(onDecline).toHaveBeenCalledWith(en.decline.CUSTOMER_DECLINED, { code: 'CUSTOMER_DECLINED' });
    expect(onSuccess).not.toHaveBeenCalled();
  });

  it.each([
    ['XXXX-YYYY-ZZZZ', 'TOKEN_NOT_FOUND'],
    ['EXPD-TOKN-0001', 'TOKEN_EXPIRED'],
    ['RVKD-TOKN-0001', 'TOKEN_REVOKED'],
    ['USED-TOKN-0001', 'TOKEN_ALREADY_USED'],
    ['OTHR-INST-0001', 'INSTITUTION_MISMATCH'],
    ['SANC-HITS-0001', 'HARD_DENY_SANCTIONS_MATCH'],
  ] as const)('token %s is denied with the friendly text of %s', async (token, reason) => {
    const bridge = setup();
    const { ui, onDecline, onSuccess } = widget(bridge);
    const { container } = render(ui);
    submitToken(token);
    await advance();
    expect(root(container).dataset.state).toBe('declined');
    expect(within(panel()).getByText(en.decline[reason])).toBeTruthy();
    expect(onDecline).toHaveBeenCalledWith(en.decline[reason], { code: reason });
    expect(onSuccess).not.toHaveBeenCalled();
    // A sanctions hit offers a secondary "Start over", never an inviting "Try again".
    const retryName = reason === 'HARD_DENY_SANCTIONS_MATCH' ? 'Start over' : 'Try again';
    expect(screen.getByRole('button', { name: retryName })).toBeTruthy();
  });

  it('a sanctions match is never shown as success, whatever the claims say', async () => {
    const bridge = setup();
    const { ui, onSuccess } = widget(bridge);
    const { container } = render(ui);
    clickGenerate();
    await advance();
    bridge.complete({ ...CLAIMS_A, sanctions_clear: false });
    await advance(2500);
    expect(root(container).dataset.state).toBe('declined');
    expect(within(panel()).getByText(en.decline.HARD_DENY_SANCTIONS_MATCH)).toBeTruthy();
    expect(screen.queryByText('Credential verified')).toBeNull();
    expect(onSuccess).not.toHaveBeenCalled();

    // "Start over" is secondary and goes back to idle without creating a new session.
    const created = bridge.callsTo('POST', '/request').length;
    const startOver = screen.getByRole('button', { name: 'Start over' });
    expect(startOver.dataset.variant).toBe('secondary');
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    fireEvent.click(startOver);
    await advance(2500);
    expect(root(container).dataset.state).toBe('idle');
    expect(bridge.callsTo('POST', '/request')).toHaveLength(created);
    expect(created).toBe(1);
  });

  it('manual token: verifying spinner, then success; the request carried an Idempotency-Key', async () => {
    const bridge = setup();
    const { ui, onSuccess } = widget(bridge);
    const { container } = render(ui);
    submitToken('ke8v3txyz72l');
    expect(root(container).dataset.state).toBe('verifying');
    expect(within(panel()).getByText('Verifying credential…')).toBeTruthy();
    await advance();
    expect(root(container).dataset.state).toBe('success');
    expect(onSuccess).toHaveBeenCalledTimes(1);
    const [verify] = bridge.callsTo('POST', '/verify');
    expect(verify?.headers['idempotency-key']).toMatch(/\S{8,}/);
    expect(verify?.headers['x-institution-key']).toBe('sk_sandbox_demo');
  });

  it('manual token while the QR shows: the QR session stops and the token is verified', async () => {
    const bridge = setup();
    const { ui, onSuccess } = widget(bridge);
    const { container } = render(ui);
    clickGenerate();
    await advance();
    expect(root(container).dataset.state).toBe('awaiting');
    expect(screen.getByRole('img')).toBeTruthy();
    submitToken('KE8V-3TXY-Z72L');
    await advance();
    expect(root(container).dataset.state).toBe('success');
    expect(onSuccess).toHaveBeenCalledTimes(1);
    const count = bridge.calls.length;
    bridge.complete();
    await advance(10_000);
    expect(bridge.calls).toHaveLength(count);
    expect(onSuccess).toHaveBeenCalledTimes(1);
  });

  it('a malformed token shows the field error and sends nothing', () => {
    const bridge = setup();
    render(widget(bridge).ui);
    submitToken('');
    // Announced at once (role alert) and tied to the field.
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe(en.tokenErrors.EMPTY);
    const field = screen.getByLabelText('PASSID token');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')?.split(' ')).toContain(alert.id);
    expect(bridge.calls).toHaveLength(0);
  });

  it('a transient 503 while polling does not leave awaiting', async () => {
    const bridge = setup();
    const { ui, onError, onSuccess } = widget(bridge);
    const { container } = render(ui);
    clickGenerate();
    await advance();
    bridge.failPolls(2, 503);
    await advance(2500);
    expect(root(container).dataset.state).toBe('awaiting');
    await advance(8000);
    expect(root(container).dataset.state).toBe('awaiting');
    bridge.complete();
    await advance(15_000);
    expect(root(container).dataset.state).toBe('success');
    expect(onError).not.toHaveBeenCalled();
    expect(onSuccess).toHaveBeenCalledTimes(1);
  });

  it('persistent poll failure → error with "Try again", which starts a new session', async () => {
    const bridge = setup();
    const { ui, onError } = widget(bridge);
    const { container } = render(ui);
    clickGenerate();
    await advance();
    bridge.failPolls(50, 503);
    await advance(120_000);
    expect(root(container).dataset.state).toBe('error');
    expect(onError).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('heading', { name: en.errorTitle })).toBeTruthy();
    const retry = screen.getByRole('button', { name: 'Try again' });
    bridge.healPolls();
    fireEvent.click(retry);
    await advance(2500);
    expect(bridge.sessions).toHaveLength(2);
    expect(root(container).dataset.state).toBe('awaiting');
    expect(within(panel()).getByText(bridge.latest().code)).toBeTruthy();
  });

  it('sends no request after unmount', async () => {
    const bridge = setup();
    const { unmount } = render(widget(bridge).ui);
    clickGenerate();
    await advance();
    await expectSilentAfter(unmount, bridge);
  });

  it('a double click creates one session', async () => {
    const bridge = setup();
    render(widget(bridge).ui);
    const button = screen.getByRole('button', { name: 'Generate QR code' });
    fireEvent.click(button);
    fireEvent.click(button);
    await advance();
    expect(bridge.callsTo('POST', '/request')).toHaveLength(1);
  });

  it('StrictMode: autoStart creates one session', async () => {
    const bridge = setup();
    const { container } = render(<StrictMode>{widget(bridge, { autoStart: true }).ui}</StrictMode>);
    await advance();
    expect(bridge.callsTo('POST', '/request')).toHaveLength(1);
    expect(root(container).dataset.state).toBe('awaiting');
    await advance(5000);
    expect(bridge.maxInFlight).toBe(1);
  });

  it('StrictMode: a click creates one session, and polling stops on unmount', async () => {
    const bridge = setup();
    const { container, unmount } = render(<StrictMode>{widget(bridge).ui}</StrictMode>);
    clickGenerate();
    await advance(5000);
    expect(bridge.callsTo('POST', '/request')).toHaveLength(1);
    expect(root(container).dataset.state).toBe('awaiting');
    await expectSilentAfter(unmount, bridge);
  });

  it('two widgets on a page are independent', async () => {
    const bridge = setup();
    const a = widget(bridge, { institutionName: 'Bank A' });
    const b = widget(bridge, { institutionName: 'Bank B' });
    const { container } = render(
      <>
        {a.ui}
        {b.ui}
      </>,
    );
    const [rootA, rootB] = [...container.querySelectorAll<HTMLElement>('.passid-root')];
    fireEvent.click(within(rootA!).getByRole('button', { name: 'Generate QR code' }));
    await advance();
    expect(rootA!.dataset.state).toBe('awaiting');
    expect(rootB!.dataset.state).toBe('idle');
    bridge.complete();
    await advance(2500);
    expect(a.onSuccess).toHaveBeenCalledTimes(1);
    expect(b.onSuccess).not.toHaveBeenCalled();
    expect(rootB!.dataset.state).toBe('idle');
    expect(document.querySelectorAll('style[data-href="passid-verify"], style[data-passid]')).toHaveLength(1);
  });

  it('refuses a live key in the browser at mount: error pointing to `endpoint`, and no fetch', () => {
    const bridge = setup();
    const { ui, onError } = widget(bridge, { apiKey: 'sk_live_0123456789abcdef' });
    const { container } = render(<StrictMode>{ui}</StrictMode>);
    // No click needed: the developer sees the refusal as soon as the widget mounts.
    expect(root(container).dataset.state).toBe('error');
    expect(screen.queryByRole('button', { name: 'Generate QR code' })).toBeNull();
    expect(within(panel()).getByText(/endpoint/)).toBeTruthy();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(bridge.calls).toHaveLength(0);
    expect(container.textContent).not.toContain('0123456789abcdef');
  });

  it('takes message overrides and locale={fr}', async () => {
    const bridge = setup();
    const { unmount } = render(widget(bridge, { messages: { generateQr: 'Scan to verify' } }).ui);
    expect(screen.getByRole('button', { name: 'Scan to verify' })).toBeTruthy();
    unmount();
    const french = widget(bridge, { locale: fr });
    render(french.ui);
    expect(screen.getByRole('button', { name: 'Générer un code QR' })).toBeTruthy();
    expect(screen.getByLabelText('Jeton PASSID')).toBeTruthy();
    submitToken('EXPD-TOKN-0001', 'Jeton PASSID', 'Vérifier le jeton');
    await advance();
    expect(screen.getByRole('button', { name: 'Réessayer' })).toBeTruthy();
    expect(french.onDecline.mock.calls[0]?.[0]).toMatch(/expiré/);
  });

  it('renders a claim with HTML in it as text', async () => {
    const bridge = setup();
    const hostile = '<img src=x onerror=alert(1)>';
    const { container } = render(widget(bridge).ui);
    clickGenerate();
    await advance();
    bridge.complete({ ...CLAIMS_A, income_band: hostile });
    await advance(2500);
    expect(screen.getByText(hostile)).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
  });

  it.each([
    ['a non-JSON body', { status: 200, text: 'OK' }],
    ['an HTML error page', { status: 502, text: '<html><body>Bad gateway</body></html>' }],
    ['a body with missing fields', { status: 201, body: { requestId: 'req_x' } }],
    ['a null body', { status: 201, body: null }],
  ])('never crashes on %s: error state', async (_name, reply) => {
    const bridge = setup();
    bridge.override((call) => (call.method === 'POST' ? reply : undefined));
    const { ui, onError } = widget(bridge);
    const { container } = render(ui);
    clickGenerate();
    await advance(30_000);
    expect(root(container).dataset.state).toBe('error');
    expect(onError).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});

describe('<PASSIDVerify nextCustomer>', () => {
  it('after a success, "Verify another customer" gives a fresh widget with focus on its first control; onSuccess once per session', async () => {
    const bridge = setup();
    const { ui, onSuccess } = widget(bridge, { nextCustomer: true });
    const { container } = render(ui);
    const generate = screen.getByRole('button', { name: 'Generate QR code' });
    generate.focus();
    fireEvent.click(generate);
    await advance();
    bridge.complete();
    await advance(2500);
    expect(root(container).dataset.state).toBe('success');
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onSuccess).toHaveBeenLastCalledWith(CLAIMS_A);

    fireEvent.click(screen.getByRole('button', { name: 'Verify another customer' }));
    expect(root(container).dataset.state).toBe('idle');
    expect(screen.queryByText('FSI 812')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe(en.liveIdle);
    await advance();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Generate QR code' }));

    // The next customer reads out a share token: a second session, a second call.
    submitToken('KE8V-3TXY-Z72L');
    await advance();
    expect(root(container).dataset.state).toBe('success');
    expect(onSuccess).toHaveBeenCalledTimes(2);
    await advance(60_000);
    expect(onSuccess).toHaveBeenCalledTimes(2);
    expect(screen.getByRole('button', { name: 'Verify another customer' })).toBeTruthy();
  });

  it('is opt-in: no button without it, and none before a success', async () => {
    const bridge = setup();
    const { unmount } = render(widget(bridge).ui);
    submitToken('KE8V-3TXY-Z72L');
    await advance();
    expect(screen.getByRole('heading', { name: 'Credential verified' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Verify another customer' })).toBeNull();
    unmount();
    render(widget(bridge, { nextCustomer: true, locale: fr }).ui);
    expect(screen.queryByRole('button', { name: 'Vérifier un autre client' })).toBeNull();
    fireEvent.change(screen.getByLabelText('Jeton PASSID'), { target: { value: 'ZZZZ-ZZZZ-ZZZZ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Vérifier le jeton' }));
    await advance();
    expect(root(document.body).dataset.state).toBe('declined');
    expect(screen.queryByRole('button', { name: 'Vérifier un autre client' })).toBeNull();
  });
});

describe('<PASSIDVerify> accessibility and theming', () => {
  it('announces state changes in a polite live region', async () => {
    const bridge = setup();
    render(widget(bridge).ui);
    const status = screen.getByRole('status');
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.textContent).toBe('');
    clickGenerate();
    expect(status.textContent).toBe(en.liveRequesting);
    await advance();
    expect(status.textContent).toContain(bridge.latest().code);
  });

  it('moves focus to the new state: the awaiting panel, then "Try again" after a failure', async () => {
    const bridge = setup();
    const { container } = render(widget(bridge).ui);
    const button = screen.getByRole('button', { name: 'Generate QR code' });
    button.focus();
    fireEvent.click(button);
    await advance();
    expect(root(container).contains(document.activeElement)).toBe(true);
    expect(document.activeElement).toBe(container.querySelector('.passid-panel'));
    bridge.failPolls(50, 503);
    await advance(120_000);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Try again' }));
  });

  it('after a refused token, "Try again" puts focus back in the token field', async () => {
    const bridge = setup();
    render(widget(bridge).ui);
    const field = screen.getByLabelText('PASSID token');
    field.focus();
    fireEvent.change(field, { target: { value: 'ZZZZ-ZZZZ-ZZZZ' } });
    fireEvent.submit(field.closest('form') as HTMLFormElement);
    await advance();
    const again = screen.getByRole('button', { name: 'Try again' });
    expect(document.activeElement).toBe(again);
    fireEvent.click(again);
    await advance();
    expect(document.activeElement).toBe(screen.getByLabelText('PASSID token'));
  });

  it('does not steal focus when the user is elsewhere', async () => {
    const bridge = setup();
    const outside = document.createElement('input');
    document.body.append(outside);
    render(widget(bridge, { autoStart: true }).ui);
    outside.focus();
    await advance();
    expect(document.activeElement).toBe(outside);
    outside.remove();
  });

  it('keeps the QR black on white whatever the theme (a light yellow primary, dark mode), so it decodes', async () => {
    for (const theme of [{ primary: '#ffeb3b', mode: 'dark' as const }, { primary: '#1a237e', mode: 'light' as const }]) {
      const bridge = setup();
      const { unmount } = render(widget(bridge, { theme }).ui);
      clickGenerate();
      await advance();
      const canvas = screen.getByRole('img') as HTMLCanvasElement;
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      const colours = new Set<string>();
      for (let i = 0; i < data.length; i += 4) colours.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
      expect([...colours].sort()).toEqual(['0,0,0', '255,255,255']);
      expect(jsQR(new Uint8ClampedArray(data), canvas.width, canvas.height)?.data).toBe(bridge.latest().deepLink);
      unmount();
    }
  });

  it('sets data-state, data-mode and the primary colour with a readable text colour', () => {
    const bridge = setup();
    const { container } = render(widget(bridge, { theme: { primary: '#1a237e', mode: 'dark' }, className: 'mine' }).ui);
    const el = root(container);
    expect(el.classList.contains('mine')).toBe(true);
    expect(el.dataset.mode).toBe('dark');
    expect(el.style.getPropertyValue('--passid-primary')).toBe('#1a237e');
    expect(el.style.getPropertyValue('--passid-on-primary')).toBe('#ffffff');
  });
});
