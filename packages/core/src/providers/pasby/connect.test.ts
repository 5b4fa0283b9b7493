import { describe, expect, it } from 'vitest';
import { PassidError } from '../../errors.js';
import { connectPasby, pasbyClaimRows, pasbyErrorText } from './connect.js';
import { fr } from './locales/fr.js';
import { initialPasbyState } from './machine.js';
import { pasbyEn, resolvePasbyMessages } from './messages.js';
import type { PasbySession, PasbyState } from './types.js';

const NOW = Date.parse('2026-12-03T09:00:00Z');
const session = (extra: Partial<PasbySession> = {}): PasbySession => ({
  id: 'h1.mac',
  mode: 'wildcard',
  seeds: ['pasby://a', 'pasby://b'],
  qrValue: 'pasby://b',
  expiresAt: NOW + 125_000,
  serverTime: NOW,
  ...extra,
});
const state = (patch: Partial<PasbyState>): PasbyState => ({ ...initialPasbyState(NOW), ...patch });

describe('connectPasby', () => {
  it('idle: a start button per mode, the NIN form for different-device', () => {
    expect(connectPasby(state({}))).toMatchObject({ mode: 'wildcard', showStartButton: true, startLabel: 'Show QR code', showNinForm: false, focusTarget: 'start', liveText: 'Ready to verify with pasby.' });
    expect(connectPasby(state({}), { mode: 'same-device' })).toMatchObject({ showStartButton: true, startLabel: 'Continue with pasby' });
    expect(connectPasby(state({}), { mode: 'different-device' })).toMatchObject({ showStartButton: false, showNinForm: true, focusTarget: 'nin' });
  });

  it('awaiting (wildcard): the seed on the QR, the countdown, a live text that does not change with the seed', () => {
    const a = connectPasby(state({ status: 'awaiting', session: session(), now: NOW }));
    const b = connectPasby(state({ status: 'awaiting', session: session({ qrValue: 'pasby://a' }), now: NOW }));
    expect(a).toMatchObject({ showQr: true, qrValue: 'pasby://b', secondsLeft: 125, countdownText: 'Expires in 2:05', countdownSpoken: 'Expires in 2 min 5 s', title: null });
    expect(a.qrLabel).toMatch(/Scan it with the pasby app/);
    expect(b.qrValue).toBe('pasby://a');
    expect(b.liveText).toBe(a.liveText);
  });

  it('an open session\'s own mode wins over the mode of the next one', () => {
    const view = connectPasby(state({ status: 'awaiting', session: session({ mode: 'same-device', link: 'https://open.pasby.africa/app/?id=1' }) }), { mode: 'wildcard' });
    expect(view).toMatchObject({ mode: 'same-device', showQr: false, showLink: true, link: 'https://open.pasby.africa/app/?id=1' });
  });

  it('success: the claims as plain-text rows in a fixed order, the full name, never markup', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const view = connectPasby(state({ status: 'success', claims: { naming: { family: 'Wanjiru', given: 'Amina' }, contact: { email: hostile } } }));
    expect(view.fullName).toBe('Amina Wanjiru');
    expect(view.claims).toEqual([
      { key: 'naming.given', label: 'Given name', value: 'Amina', tone: 'neutral' },
      { key: 'naming.family', label: 'Family name', value: 'Wanjiru', tone: 'neutral' },
      { key: 'contact.email', label: 'Email', value: hostile, tone: 'neutral' },
    ]);
    expect(view).toMatchObject({ title: 'Identity confirmed', focusTarget: 'title' });
    expect(connectPasby(state({ status: 'success', claims: { contact: { email: 'a@b.c' } } })).fullName).toBeNull();
  });

  it('declined: the reason, its heading and retry label', () => {
    expect(connectPasby(state({ status: 'declined', decline: 'EXPIRED' }))).toMatchObject({ title: 'Request expired', isExpired: true, retryLabel: 'Start again', fallback: null });
    expect(connectPasby(state({ status: 'declined', decline: 'CANCELLED' }))).toMatchObject({
      title: 'Verification not completed',
      declineText: 'The request was declined in the pasby app, or cancelled.',
      retryLabel: 'Try again',
      focusTarget: 'retry',
    });
  });

  it('NOT_ON_PASBY offers the fallback mode (never the mode it failed in)', () => {
    const declined = state({ status: 'declined', decline: 'NOT_ON_PASBY' });
    expect(connectPasby(declined, { mode: 'different-device', fallbackMode: 'same-device' })).toMatchObject({ fallback: 'same-device', fallbackLabel: 'Use pasby on this device instead' });
    expect(connectPasby(declined, { mode: 'wildcard', fallbackMode: 'wildcard' }).fallback).toBeNull();
  });

  it('error: the friendly text of each kind and status', () => {
    const text = (error: PassidError) => connectPasby(state({ status: 'error', error })).errorText;
    expect(text(new PassidError('network', 'x'))).toBe(pasbyEn.errors.network);
    expect(text(new PassidError('http', 'x', { status: 401 }))).toBe(pasbyEn.errorUnauthorized);
    expect(text(new PassidError('http', 'x', { status: 403 }))).toBe(pasbyEn.errorUnauthorized);
    expect(text(new PassidError('http', 'x', { status: 429 }))).toBe(pasbyEn.errorRateLimited);
    expect(text(new PassidError('http', 'x', { status: 404 }))).toBe(pasbyEn.errorNotFound);
    expect(text(new PassidError('http', 'x', { status: 502 }))).toMatch(/HTTP 502/);
    expect(pasbyErrorText(new PassidError('configuration', 'x'), fr.messages)).toMatch(/pasby n'est pas configuré/);
  });

  it('reconnecting replaces the awaiting live text', () => {
    expect(connectPasby(state({ status: 'awaiting', session: session(), pollFailures: 2 }))).toMatchObject({ reconnecting: true, liveText: 'Reconnecting…' });
  });

  it('speaks French with the fr locale', () => {
    const view = connectPasby(state({}), { messages: resolvePasbyMessages(fr), institutionName: 'Banque Démo' });
    expect(view).toMatchObject({ heading: 'Vérifier avec pasby pour Banque Démo', startLabel: 'Afficher le code QR' });
  });
});

describe('texts', () => {
  /** Every key path of a catalogue, nested records included. */
  const keys = (value: object, at = ''): string[] =>
    Object.entries(value).flatMap(([k, v]) => (typeof v === 'object' && v ? keys(v as object, `${at}${k}/`) : [`${at}${k}`]));

  it('French has every text English has, and no English left in it', () => {
    expect(keys(fr.messages).sort()).toEqual(keys(pasbyEn).sort());
    const same = keys(pasbyEn).filter((k) => {
      const get = (o: object) => k.split('/').reduce<unknown>((n, p) => (n as Record<string, unknown>)[p], o);
      return get(pasbyEn) === get(fr.messages);
    });
    expect(same).toEqual([]);
  });

  it('takes a text as a function of its values (plural forms), as PASSID\'s texts do', () => {
    const m = resolvePasbyMessages('en', { expiresInSpoken: ({ minutes }) => `${String(minutes)} minute${minutes === 1 ? '' : 's'} left` });
    const awaiting = state({ status: 'awaiting', session: session({ expiresAt: NOW + 61_000 }), now: NOW });
    expect(connectPasby(awaiting, { messages: m }).countdownSpoken).toBe('1 minute left');
  });

  it('merges overrides over the locale, records key by key', () => {
    const m = resolvePasbyMessages(fr, { title: 'Connexion pasby', start: { wildcard: 'QR' } });
    expect(m.title).toBe('Connexion pasby');
    expect(m.start).toEqual({ ...fr.messages.start, wildcard: 'QR' });
    expect(resolvePasbyMessages()).toBe(pasbyEn);
  });

  it('claim rows skip empty and unknown values', () => {
    expect(pasbyClaimRows({ naming: { given: '', family: 'X' }, ...({ extra: { a: 'b' } } as object) })).toEqual([
      { key: 'naming.family', label: 'Family name', value: 'X', tone: 'neutral' },
    ]);
  });
});
