import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import { usePassidVerify } from './usePassidVerify.js';
import type { UsePassidVerifyOptions } from './usePassidVerify.js';
import { CLAIMS_A } from './test/fakeBridge.js';
import { advance, setup } from './test/render.js';
import { fr } from '@passid/core/locales/fr';

afterEach(() => {
  vi.useRealTimers();
});

describe('usePassidVerify', () => {
  it('returns the idle state and view, and drives the flow through its actions', async () => {
    const bridge = setup();
    const { result } = renderHook(() =>
      usePassidVerify({ apiKey: 'sk_sandbox_demo', baseUrl: 'https://bridge.test', fetch: bridge.fetch }),
    );
    expect(result.current.state.status).toBe('idle');
    expect(result.current.view.showStartButton).toBe(true);
    act(() => result.current.start());
    expect(result.current.view.isRequesting).toBe(true);
    await advance();
    expect(result.current.view.code).toBe(bridge.latest().code);
    act(() => result.current.reset());
    expect(result.current.state.status).toBe('idle');
  });

  it('calls the latest callbacks, not the ones of the first render', async () => {
    const bridge = setup();
    const first = vi.fn();
    const second = vi.fn();
    const base = { apiKey: 'sk_sandbox_demo', baseUrl: 'https://bridge.test', fetch: bridge.fetch };
    const { result, rerender } = renderHook((props: UsePassidVerifyOptions) => usePassidVerify(props), {
      initialProps: { ...base, onSuccess: first },
    });
    act(() => result.current.start());
    await advance();
    rerender({ ...base, onSuccess: second });
    bridge.complete();
    await advance(2500);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledWith(CLAIMS_A);
  });

  it('follows a locale change', () => {
    const bridge = setup();
    const { result, rerender } = renderHook((props: UsePassidVerifyOptions) => usePassidVerify(props), {
      initialProps: { apiKey: 'sk_sandbox_demo', fetch: bridge.fetch, locale: 'en' },
    });
    expect(result.current.view.messages.generateQr).toBe('Generate QR code');
    rerender({ apiKey: 'sk_sandbox_demo', fetch: bridge.fetch, locale: fr });
    expect(result.current.view.messages.generateQr).toBe('Générer un code QR');
  });
});
