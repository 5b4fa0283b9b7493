/**
 * The test kit itself: each driver with the component and with the hook, the retry rule
 * through `fail()`, holding, the network, tokens, pasby, and no act() warning when used as
 * documented. Runs on React 19 and React 18 (the `react18` project).
 */
import { StrictMode } from 'react';
import { act, render, renderHook, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { PassidError } from '@passid/core';
import { PASSIDVerify, usePassidVerify } from '@passid/react';
import type { PASSIDVerifyProps } from '@passid/react';
import { PasbyVerify } from '@passid/react/pasby';
import { createFakePasby, createFakePassid, PASSID_PERSONAS } from '@passid/react/testing';
import type { FakePassid } from '@passid/react/testing';
import { readFileSync } from 'node:fs';

let consoleError: MockInstance<typeof console.error>;
beforeEach(() => {
  consoleError = vi.spyOn(console, 'error');
});
afterEach(() => {
  // No "not wrapped in act(...)" warning (nor any other) in any test of the kit.
  const warnings = consoleError.mock.calls.map((args) => String(args[0]));
  consoleError.mockRestore();
  vi.useRealTimers();
  expect(warnings).toEqual([]);
});

const state = (container: HTMLElement) => (container.querySelector('.passid-root') as HTMLElement).dataset.state;
const panel = () => document.querySelector('.passid-panel') as HTMLElement;

function widget(passid: FakePassid, props: Partial<PASSIDVerifyProps> = {}) {
  const onSuccess = vi.fn();
  const onDecline = vi.fn();
  const onError = vi.fn();
  const view = render(<PASSIDVerify {...passid.props} onSuccess={onSuccess} onDecline={onDecline} onError={onError} {...props} />);
  return { ...view, onSuccess, onDecline, onError };
}

describe('createFakePassid with <PASSIDVerify>', () => {
  it('works where there is no MessageChannel or structuredClone (Jest with jsdom): approve() then getByText', async () => {
    vi.stubGlobal('MessageChannel', undefined);
    vi.stubGlobal('structuredClone', undefined);
    try {
      const passid = createFakePassid();
      const { container, onSuccess } = widget(passid, { autoStart: true });
      await passid.approve('chidi');
      expect(state(container)).toBe('success');
      expect(onSuccess).toHaveBeenCalledWith(PASSID_PERSONAS.chidi);
      expect(screen.getByText('Tier B')).toBeTruthy();
      const pasby = createFakePasby();
      const pasbyView = render(<PasbyVerify {...pasby.props} autoStart onSuccess={() => undefined} />);
      await pasby.approve();
      expect((pasbyView.container.querySelector('.passid-root') as HTMLElement).dataset.state).toBe('success');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('approve(): the real widget shows the claims, onSuccess gets them once, no network', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    try {
      const passid = createFakePassid();
      const { container, onSuccess } = widget(passid, { autoStart: true });
      const session = await passid.approve();
      expect(state(container)).toBe('success');
      expect(session?.status).toBe('completed');
      expect(onSuccess).toHaveBeenCalledTimes(1);
      expect(onSuccess).toHaveBeenCalledWith(PASSID_PERSONAS.amina);
      expect(screen.getByText('Tier A')).toBeTruthy();
      expect(within(panel()).getByText('GBP 30k-45k')).toBeTruthy();
      expect(fetch).not.toHaveBeenCalled();
      expect(passid.calls.map((c) => c.kind)).toEqual(['create', 'stream']);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('approve() releases only the claims of the permissions asked for, plus corridor and decision', async () => {
    const passid = createFakePassid();
    const { onSuccess } = widget(passid, { autoStart: true, permissions: ['income_verified'] });
    await passid.approve('chidi');
    expect(onSuccess).toHaveBeenCalledWith({ income_verified: true, income_band: 'USD 40k-60k', corridor: 'NG→US', decision: 'approved' });
    expect(passid.session?.params.permissions).toEqual(['income_verified']);
  });

  it('approve() with no open session: the next session completes as soon as it is created', async () => {
    const passid = createFakePassid({ claims: 'kwame' });
    const { container } = widget(passid);
    expect(await passid.approve()).toBeNull();
    expect(state(container)).toBe('idle');
    await userEvent.click(screen.getByRole('button', { name: 'Generate QR code' }));
    expect(await screen.findByText('Tier C')).toBeTruthy();
  });

  it('decline(): the customer declined; "Try again" makes a new session', async () => {
    const passid = createFakePassid();
    const { container, onDecline } = widget(passid, { autoStart: true });
    await passid.decline();
    expect(state(container)).toBe('declined');
    expect(onDecline).toHaveBeenCalledWith('The customer declined the request in the PASSID app.', { code: 'CUSTOMER_DECLINED' });
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('CD4Y-8ZRN')).toBeTruthy();
    expect(passid.sessions.map((s) => s.status)).toEqual(['declined', 'pending']);
  });

  it('decline("HARD_DENY_SANCTIONS_MATCH"): a final decline, never onSuccess', async () => {
    const passid = createFakePassid();
    const { container, onDecline, onSuccess } = widget(passid, { autoStart: true });
    await passid.decline('HARD_DENY_SANCTIONS_MATCH');
    expect(state(container)).toBe('declined');
    expect(onDecline.mock.calls[0]?.[1]).toEqual({ code: 'HARD_DENY_SANCTIONS_MATCH' });
    expect(onSuccess).not.toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });

  it('expire(): "Request expired" and "Generate new code"', async () => {
    const passid = createFakePassid();
    const { onDecline } = widget(passid, { autoStart: true });
    await passid.expire();
    expect(onDecline).toHaveBeenCalledWith('Request expired', { code: 'REQUEST_EXPIRED' });
    expect(screen.getByRole('button', { name: 'Generate new code' })).toBeTruthy();
  });

  it('a session expires by time too (fake timers): the final check reads it expired', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 23, 14) });
    const passid = createFakePassid();
    const { container } = widget(passid, { autoStart: true, ttlSeconds: 60 });
    await passid.release(); // lets the session be created (nothing was held)
    expect(screen.getByRole('timer').textContent).toBe('Expires in 1:00');
    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(state(container)).toBe('declined');
    expect(passid.calls.at(-1)).toMatchObject({ kind: 'check', failed: false });
    expect(passid.session?.status).toBe('expired');
  });

  it('fail(1) while creating: the retry 1 s later succeeds; fail(2): error, and "Try again" recovers', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 23, 14) });
    const passid = createFakePassid();
    await passid.fail(1);
    const { container } = widget(passid, { autoStart: true });
    await passid.release();
    expect(state(container)).toBe('requesting');
    await act(() => vi.advanceTimersByTimeAsync(999));
    expect(state(container)).toBe('requesting');
    await act(() => vi.advanceTimersByTimeAsync(1));
    expect(state(container)).toBe('awaiting');
    expect(passid.calls.slice(0, 2).map((c) => [c.kind, c.failed])).toEqual([['create', true], ['create', false]]);

    await passid.expire();
    await passid.fail(2);
    await act(async () => screen.getByRole('button', { name: 'Generate new code' }).click());
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(state(container)).toBe('error');
    await act(async () => screen.getByRole('button', { name: 'Try again' }).click());
    await passid.release();
    expect(state(container)).toBe('awaiting');
  });

  it('fail(2) while awaiting: the stream drops, a read fails ("Reconnecting…"), the stream is back after 2.5 s, then approve() lands', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 23, 14) });
    const passid = createFakePassid();
    const { container } = widget(passid, { autoStart: true });
    await passid.release();
    await passid.fail(2);
    expect(within(panel()).getByText('Reconnecting…')).toBeTruthy();
    expect(passid.calls.map((c) => [c.kind, c.failed])).toEqual([['create', false], ['stream', false], ['read', true]]);
    await act(() => vi.advanceTimersByTimeAsync(2500));
    expect(within(panel()).queryByText('Reconnecting…')).toBeNull();
    expect(passid.calls.at(-1)).toMatchObject({ kind: 'stream', failed: false });
    await passid.approve();
    expect(state(container)).toBe('success');
  });

  it('fail(Infinity) while awaiting: 5 failed reads in a row (2.5 s, 5 s, 10 s, 10 s apart) end in error', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 23, 14) });
    const passid = createFakePassid();
    const { container, onError } = widget(passid, { autoStart: true });
    await passid.release();
    await passid.fail(Infinity);
    await act(() => vi.advanceTimersByTimeAsync(27_499));
    expect(state(container)).toBe('awaiting');
    await act(() => vi.advanceTimersByTimeAsync(1));
    expect(state(container)).toBe('error');
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ kind: 'network' });
    expect(passid.calls.filter((c) => c.kind === 'read')).toHaveLength(5);
  });

  it('fail(1, non-transient error) while creating: no retry, error at once', async () => {
    const passid = createFakePassid();
    await passid.fail(1, new PassidError('http', 'Unauthorized.', { status: 401, code: 'UNAUTHORIZED' }));
    const { container, onError } = widget(passid, { autoStart: true });
    await passid.release();
    expect(state(container)).toBe('error');
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ status: 401 });
    expect(passid.calls).toHaveLength(1);
  });

  it('hold() / release(): requesting and verifying stay until released', async () => {
    const passid = createFakePassid();
    passid.hold();
    const { container } = widget(passid, { autoStart: true });
    await passid.approve(); // queued: nothing is open yet
    expect(state(container)).toBe('requesting');
    await passid.release();
    expect(state(container)).toBe('success');
  });

  it('typed tokens: the sandbox fixtures, and tokens of your own', async () => {
    const passid = createFakePassid({ tokens: { 'abcd efgh jkmn': 'TOKEN_REVOKED' } });
    const { container, onSuccess } = widget(passid);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('PASSID token'), 'ke8v3txyz72l');
    await user.click(screen.getByRole('button', { name: 'Verify token' }));
    expect(await screen.findByText('Tier A')).toBeTruthy();
    expect(onSuccess).toHaveBeenCalledWith(PASSID_PERSONAS.amina);
    expect(passid.calls.at(-1)).toMatchObject({ kind: 'verify', token: 'KE8V-3TXY-Z72L' });
    expect(state(container)).toBe('success');

    const other = createFakePassid({ tokens: { 'ABCD-EFGH-JKMN': 'TOKEN_REVOKED' } });
    const second = widget(other);
    const form = within(second.container);
    await user.type(form.getByLabelText('PASSID token'), 'ABCD-EFGH-JKMN');
    await user.click(form.getByRole('button', { name: 'Verify token' }));
    expect((await form.findAllByText(/revoked this token/)).length).toBeGreaterThan(0);
    expect(second.onDecline.mock.calls[0]?.[1]).toEqual({ code: 'TOKEN_REVOKED' });
  });

  it('goOffline(): "Reconnecting…" and no call; goOnline(): the status is read at once', async () => {
    const passid = createFakePassid();
    const { container } = widget(passid, { autoStart: true });
    await passid.release();
    await passid.goOffline();
    expect(within(panel()).getByText('Reconnecting…')).toBeTruthy();
    const before = passid.calls.length;
    await passid.approve();
    expect(state(container)).toBe('awaiting');
    expect(passid.calls).toHaveLength(before);
    await passid.goOnline();
    expect(state(container)).toBe('success');
  });

  it('StrictMode: one session', async () => {
    const passid = createFakePassid();
    render(
      <StrictMode>
        <PASSIDVerify {...passid.props} autoStart onSuccess={() => {}} />
      </StrictMode>,
    );
    await passid.approve();
    expect(passid.sessions).toHaveLength(1);
    expect(screen.getByText('Tier A')).toBeTruthy();
  });
});

describe('the score badge', () => {
  it.each([
    ['amina', 'positive'],
    ['chidi', 'positive'],
    ['kwame', 'warning'],
  ] as const)('%s: the tier chip has the tier row\'s tone (%s)', async (persona, tone) => {
    const passid = createFakePassid();
    const { container } = widget(passid, { autoStart: true });
    await passid.approve(persona);
    const chip = container.querySelector('.passid-tier') as HTMLElement;
    const row = container.querySelector('[data-claim=tier] dd') as HTMLElement;
    expect(chip.dataset.tone).toBe(tone);
    expect(row.dataset.tone).toBe(tone);
  });
});

describe('createFakePassid with usePassidVerify', () => {
  it('approve(), decline() and expire() drive the hook', async () => {
    const passid = createFakePassid();
    const { result } = renderHook(() => usePassidVerify({ ...passid.props, autoStart: true }));
    await passid.release();
    expect(result.current.view.code).toBe('AB3X-7YQM');
    await passid.approve('kwame');
    expect(result.current.state.status).toBe('success');
    expect(result.current.view.tier).toBe('C');

    act(() => result.current.reset());
    act(() => result.current.start());
    await passid.decline('TOKEN_EXPIRED');
    expect(result.current.state.decline).toBe('TOKEN_EXPIRED');

    act(() => result.current.retry());
    await passid.expire();
    expect(result.current.state.decline).toBe('REQUEST_EXPIRED');
  });
});

describe('createFakePasby with <PasbyVerify>', () => {
  it('pickUp() then approve(): the QR gives way, then the claims asked for', async () => {
    const pasby = createFakePasby();
    const onSuccess = vi.fn();
    const { container } = render(<PasbyVerify {...pasby.props} autoStart claims={['naming.given', 'naming.family']} onSuccess={onSuccess} />);
    await pasby.release();
    expect(container.querySelector('canvas')).not.toBeNull();
    await pasby.pickUp();
    expect(container.querySelector('canvas')).toBeNull();
    await pasby.approve();
    expect(onSuccess).toHaveBeenCalledWith({ naming: { given: 'Amina', family: 'Wanjiru' } });
  });

  it('pickUp() with no session open: the next session is picked up at once', async () => {
    const pasby = createFakePasby();
    expect(await pasby.pickUp()).toBeNull();
    const { container } = render(<PasbyVerify {...pasby.props} autoStart onSuccess={() => {}} />);
    await pasby.release();
    expect(state(container)).toBe('awaiting');
    expect(container.querySelector('canvas')).toBeNull();
    expect(pasby.session?.pickedUp).toBe(true);
  });

  it('a NIN without a pasby ID is NOT_ON_PASBY; a persona NIN opens a session; decline()', async () => {
    const pasby = createFakePasby();
    const onDecline = vi.fn();
    const { container } = render(<PasbyVerify {...pasby.props} mode="different-device" onSuccess={() => {}} onDecline={onDecline} />);
    const user = userEvent.setup();
    const input = container.querySelector('input.passid-input') as HTMLInputElement;
    await user.type(input, '99999999999');
    await user.click(within(input.form as HTMLFormElement).getByRole('button'));
    await pasby.release();
    expect(onDecline.mock.calls[0]?.[1]).toEqual({ code: 'NOT_ON_PASBY' });
    expect(pasby.sessions).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: /another number/i }));
    const again = container.querySelector('input.passid-input') as HTMLInputElement;
    await user.type(again, '23456789012');
    await user.click(within(again.form as HTMLFormElement).getByRole('button'));
    await pasby.decline();
    expect(onDecline.mock.calls[1]?.[1]).toEqual({ code: 'CANCELLED' });
    expect(pasby.session?.params).toMatchObject({ mode: 'different-device', nin: '23456789012' });
  });
});

describe('the README', () => {
  it('shows the example test as it is in src/testing/example.test.tsx', () => {
    // Vitest runs from the repository's root.
    const readme = readFileSync('packages/react/README.md', 'utf8');
    const example = readFileSync('packages/react/src/testing/example.test.tsx', 'utf8');
    expect(readme).toContain('```tsx\n' + example + '```');
  });
});
