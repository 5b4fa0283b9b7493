import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import { clock as testClock } from '../../../core/src/test/clock.js';
import { ENDPOINT, fakePasbyProxy } from '../../../core/src/test/pasbyProxy.js';
import { advance } from '../test/render.js';
import { usePasbyVerify } from './usePasbyVerify.js';
import type { UsePasbyVerifyOptions } from './usePasbyVerify.js';

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-12-03T09:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

const notOnPasby = { status: 404, body: { error: { code: 'NOT_ON_PASBY', message: 'x' } } };

describe('usePasbyVerify', () => {
  it('the way onward holds while the page keeps its mode; reset() and a new mode from the page end it', async () => {
    const proxy = fakePasbyProxy({ create: (n) => (n === 0 ? notOnPasby : undefined) });
    const initial: UsePasbyVerifyOptions = { endpoint: ENDPOINT, fetch: proxy.fetch, clock: testClock, mode: 'different-device' };
    const { result, rerender } = renderHook((options: UsePasbyVerifyOptions) => usePasbyVerify(options), { initialProps: initial });
    act(() => result.current.start('99999999999'));
    await advance();
    expect(result.current.view).toMatchObject({ status: 'declined', fallback: 'wildcard' });
    act(() => result.current.switchMode('wildcard'));
    await advance();
    expect(result.current.view).toMatchObject({ status: 'awaiting', mode: 'wildcard', showQr: true });
    rerender({ ...initial }); // a re-render with the same mode keeps the switch
    await advance();
    expect(result.current.view.mode).toBe('wildcard');
    act(() => result.current.reset());
    await advance();
    expect(result.current.view).toMatchObject({ status: 'idle', mode: 'different-device', showNinForm: true });
    expect(proxy.cancels()).toHaveLength(1);

    act(() => result.current.switchMode('wildcard'));
    await advance();
    rerender({ ...initial, mode: 'same-device' });
    act(() => result.current.reset());
    await advance();
    expect(result.current.view).toMatchObject({ mode: 'same-device', startLabel: 'Continue with pasby' });
  });

  it('clearNinError clears the field error', async () => {
    const proxy = fakePasbyProxy();
    const { result } = renderHook(() => usePasbyVerify({ endpoint: ENDPOINT, fetch: proxy.fetch, mode: 'different-device' }));
    act(() => result.current.start('12'));
    expect(result.current.view.ninErrorText).toMatch(/11 digits/);
    act(() => result.current.clearNinError());
    expect(result.current.view.ninErrorText).toBeNull();
    expect(proxy.calls).toEqual([]);
  });
});
