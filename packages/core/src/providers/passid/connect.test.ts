import { describe, expect, it } from 'vitest';
import { PassidError } from '../../errors.js';
import { claimRows, connect, formatCountdown, tierTone } from './connect.js';
import { TIERS } from '../../wire/constants.js';
import { initialState } from './machine.js';
import { en } from '../../i18n/messages.js';
import { fr } from '../../locales/fr.js';
import { CLAIMS_A } from '../../test/bridge.js';
import type { VerifyState } from './types.js';

const NOW = 1_000_000;
const base = (extra: Partial<VerifyState>): VerifyState => ({ ...initialState(NOW), ...extra });
const awaiting = (extra: Partial<VerifyState> = {}) =>
  base({
    status: 'awaiting',
    mode: 'qr',
    session: { id: 'req_1', code: 'AB3X-7YQM', qrValue: 'passid://verify-request?r=req_1&i=i', expiresAt: NOW + 125_400, serverTime: NOW },
    ...extra,
  });

describe('connect', () => {
  it.each([
    [base({}), 'start'],
    [base({ mode: 'token' }), 'token'],
    [base({ status: 'requesting', mode: 'qr' }), 'panel'],
    [awaiting(), 'panel'],
    [base({ status: 'verifying', mode: 'token' }), 'panel'],
    [base({ status: 'success', claims: CLAIMS_A }), 'title'],
    [base({ status: 'declined', decline: 'TOKEN_NOT_FOUND' }), 'retry'],
    [base({ status: 'error' }), 'retry'],
  ] as const)('focusTarget of %#: %s', (state, target) => {
    expect(connect(state).focusTarget).toBe(target);
  });

  it('idle: the start button and the token form, nothing busy', () => {
    const view = connect(initialState(NOW));
    expect(view).toMatchObject({
      status: 'idle',
      isBusy: false,
      canStart: true,
      showStartButton: true,
      showTokenForm: true,
      showQr: false,
      qrValue: null,
      secondsLeft: null,
      retryLabel: null,
      liveText: en.liveIdle,
    });
  });

  it('requesting / verifying: a spinner with the guide text', () => {
    expect(connect(base({ status: 'requesting', mode: 'qr' }))).toMatchObject({
      isBusy: true,
      canStart: false,
      showSpinner: true,
      spinnerText: 'Creating verification session…',
      showTokenForm: false,
    });
    expect(connect(base({ status: 'verifying', mode: 'token' })).spinnerText).toBe('Verifying credential…');
  });

  it('awaiting: QR value, code, countdown and an accessible label with the code', () => {
    const view = connect(awaiting());
    expect(view).toMatchObject({
      showQr: true,
      isBusy: true,
      qrValue: 'passid://verify-request?r=req_1&i=i',
      code: 'AB3X-7YQM',
      secondsLeft: 126,
      countdown: '2:06',
      countdownText: 'Expires in 2:06',
      reconnecting: false,
      showTokenForm: true,
      showStartButton: false,
    });
    expect(view.qrLabel).toContain('AB3X-7YQM');
    expect(view.qrLabel).toMatch(/scan/i);
    expect(view.liveText).toContain('AB3X-7YQM');
  });

  it('awaiting: seconds left use the clock offset and never go negative', () => {
    expect(connect(awaiting({ clockOffsetMs: 3_600_000, session: { id: 'r', code: 'C', qrValue: 'q', expiresAt: NOW + 3_600_000 + 10_000, serverTime: 0 } })).secondsLeft).toBe(10);
    expect(connect(awaiting(), { now: NOW + 500_000 }).secondsLeft).toBe(0);
  });

  it('awaiting with failing polls: reconnecting', () => {
    const view = connect(awaiting({ pollFailures: 2 }));
    expect(view.reconnecting).toBe(true);
    expect(view.reconnectingText).toBe('Reconnecting…');
  });

  it('success: score, tier and claim rows', () => {
    const view = connect(base({ status: 'success', mode: 'qr', claims: CLAIMS_A }));
    expect(view).toMatchObject({ score: 812, scoreText: 'FSI 812', tier: 'A', tierText: 'Tier A', title: 'Credential verified', showRetry: false });
    expect(view.claims.map((r) => r.key)).toEqual([
      'fsi_score', 'tier', 'confidence', 'p_stable', 'income_verified', 'income_band', 'identity_verified',
      'sanctions_clear', 'payment_reliability', 'savings_consistency', 'fraud_risk', 'corridor', 'decision',
    ]);
  });

  it('nextCustomer: "Verify another customer" only after a success, and only when asked for', () => {
    const success = base({ status: 'success', mode: 'qr', claims: CLAIMS_A });
    expect(connect(success).showNextCustomer).toBe(false);
    expect(connect(success, { nextCustomer: true }).showNextCustomer).toBe(true);
    expect(connect(success, { nextCustomer: true, messages: fr.messages }).messages.nextCustomer).toBe('Vérifier un autre client');
    for (const status of ['idle', 'requesting', 'awaiting', 'verifying', 'declined', 'error'] as const) {
      expect(connect(base({ status, mode: 'qr' }), { nextCustomer: true }).showNextCustomer).toBe(false);
    }
  });

  it('declined on expiry: "Request expired" and "Generate new code"', () => {
    const view = connect(base({ status: 'declined', mode: 'qr', decline: 'REQUEST_EXPIRED' }));
    expect(view).toMatchObject({ declineText: 'Request expired', retryLabel: 'Generate new code', retryVariant: 'primary', isExpired: true, showRetry: true, showQr: false });
  });

  it('heading names the institution when given; endTitle reads "Request expired" on expiry', () => {
    expect(connect(initialState(NOW)).heading).toBe(en.title);
    expect(connect(initialState(NOW), { institutionName: 'Acme Bank', messages: fr.messages }).heading).toBe(
      'Vérifier avec PASSID pour Acme Bank',
    );
    expect(connect(base({ status: 'declined', mode: 'qr', decline: 'REQUEST_EXPIRED' })).endTitle).toBe('Request expired');
    expect(connect(base({ status: 'declined', mode: 'token', decline: 'TOKEN_NOT_FOUND' })).endTitle).toBe(en.declinedTitle);
    expect(connect(base({ status: 'success', claims: CLAIMS_A })).endTitle).toBe(en.successTitle);
    expect(connect(initialState(NOW)).endTitle).toBeNull();
  });

  it('declined by sanctions: never reads as success', () => {
    const view = connect(base({ status: 'declined', mode: 'token', decline: 'HARD_DENY_SANCTIONS_MATCH', claims: CLAIMS_A }));
    expect(view).toMatchObject({ isSuccess: false, isSanctionsHit: true, score: null, claims: [], retryLabel: 'Start over', retryVariant: 'secondary' });
    expect(view.declineText).toMatch(/cannot be verified/);
    expect(view.liveText).not.toContain(en.liveSuccess);
    expect(view.liveText).toMatch(/cannot be verified/);
    expect(view.title).toBe(en.declinedTitle);
  });

  it('error: friendly text per kind and status', () => {
    const view = (error: PassidError) => connect(base({ status: 'error', mode: 'qr', error })).errorText;
    expect(view(new PassidError('network', 'x'))).toBe(en.errors.network);
    expect(view(new PassidError('http', 'x', { status: 500 }))).toContain('HTTP 500');
    expect(view(new PassidError('http', 'x', { status: 429 }))).toBe(en.errorRateLimited);
    expect(view(new PassidError('live_key_in_browser', 'x'))).toMatch(/endpoint/);
    expect(connect(base({ status: 'error', mode: 'qr', error: new PassidError('network', 'x') })).retryLabel).toBe('Try again');
  });

  it('token input errors', () => {
    expect(connect(base({ tokenInputError: 'MALFORMED' })).tokenInputErrorText).toBe(en.tokenErrors.MALFORMED);
  });

  it('uses the given catalogue', () => {
    const view = connect(base({ status: 'declined', mode: 'qr', decline: 'REQUEST_EXPIRED' }), { messages: fr.messages });
    expect(view.retryLabel).toBe('Générer un nouveau code');
    expect(view.declineText).toBe('Demande expirée');
  });
});

describe('claimRows', () => {
  it('formats values and tones, only for claims present', () => {
    const rows = claimRows({ sanctions_clear: false, fraud_risk: 'high', payment_reliability: 0.934, savings_consistency: 71.6, identity_verified: false });
    expect(rows).toEqual([
      { key: 'identity_verified', label: 'Identity', value: 'Not verified', tone: 'warning' },
      { key: 'sanctions_clear', label: 'Sanctions screening', value: 'Match: do not proceed', tone: 'negative' },
      { key: 'payment_reliability', label: 'Payment reliability', value: '93%', tone: 'neutral' },
      { key: 'savings_consistency', label: 'Savings consistency', value: '72/100', tone: 'neutral' },
      { key: 'fraud_risk', label: 'Fraud risk', value: 'High', tone: 'negative' },
    ]);
    expect(claimRows(CLAIMS_A)[0]?.value).toBe('812 (range 790–834)');
  });

  it('keeps markup as plain text', () => {
    expect(claimRows({ corridor: '<img src=x onerror=alert(1)>' })[0]?.value).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('tierTone: one colour rule for the tier row and the score badge', () => {
  it('A and B positive, C warning, D and E negative', () => {
    expect(TIERS.map(tierTone)).toEqual(['positive', 'positive', 'warning', 'negative', 'negative']);
  });

  it.each(TIERS)('tier %s: the view\'s badge tone is the tier row\'s tone', (tier) => {
    const view = connect({ ...initialState(), status: 'success', mode: 'qr', claims: { ...CLAIMS_A, tier } });
    expect(view.tierTone).toBe(view.claims.find((row) => row.key === 'tier')?.tone);
    expect(view.tierTone).toBe(tierTone(tier));
  });

  it('no tier (full_score not granted): no tone', () => {
    const { tier: _tier, ...rest } = CLAIMS_A;
    expect(connect({ ...initialState(), status: 'success', mode: 'qr', claims: rest }).tierTone).toBeNull();
  });
});

describe('formatCountdown', () => {
  it.each([
    [600, '10:00'],
    [65, '1:05'],
    [9, '0:09'],
    [0, '0:00'],
    [-3, '0:00'],
  ])('%s → %s', (s, text) => expect(formatCountdown(s)).toBe(text));
});
