import { describe, expect, it } from 'vitest';
import { PassidError, isTransientError, parseRetryAfter, redact, toPassidError } from './errors.js';

describe('PassidError', () => {
  it('prefixes the message and carries status, code and Retry-After', () => {
    const error = new PassidError('http', 'boom', { status: 429, code: 'RATE_LIMITED', retryAfterMs: 3000 });
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('[passid] boom');
    expect(error).toMatchObject({ kind: 'http', status: 429, code: 'RATE_LIMITED', retryAfterMs: 3000 });
  });

  it('never carries a key or a full token in its message', () => {
    const error = new PassidError('http', 'bad key sk_live_abcdef123456 for PASSID-AB3X-7YQM-K9PQ-3MNX and KE8V-3TXY-Z72L');
    expect(error.message).not.toContain('abcdef123456');
    expect(error.message).not.toContain('7YQM');
    expect(error.message).not.toContain('3TXY');
    expect(error.message).toContain('sk_live_…');
    expect(error.message).toContain('PASSID-AB3X…');
  });

  it('leaves request codes and ids alone', () => {
    expect(redact('request req_abc code AB3X-7YQM')).toBe('request req_abc code AB3X-7YQM');
  });
});

describe('isTransientError', () => {
  it.each([
    [new PassidError('network', 'x'), true],
    [new PassidError('http', 'x', { status: 503 }), true],
    [new PassidError('http', 'x', { status: 500 }), true],
    [new PassidError('http', 'x', { status: 429 }), true],
    [new PassidError('http', 'x', { status: 408 }), true],
    [new PassidError('http', 'x', { status: 401 }), false],
    [new PassidError('http', 'x', { status: 404 }), false],
    [new PassidError('http', 'x', { status: 400 }), false],
    [new PassidError('invalid_response', 'x'), false],
    [new PassidError('aborted', 'x'), false],
    [new Error('x'), false],
  ])('%s → %s', (error, expected) => expect(isTransientError(error)).toBe(expected));
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-23T14:00:00Z');
  it('reads seconds', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });
  it('reads an HTTP-date', () => {
    expect(parseRetryAfter('Mon, 23 Nov 2026 14:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 13:00:00 GMT', now)).toBe(0);
  });
  it('ignores garbage', () => {
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
  });
});

describe('toPassidError', () => {
  it('maps an abort to kind aborted and anything else to network', () => {
    const controller = new AbortController();
    controller.abort();
    expect(toPassidError(new Error('x'), controller.signal).kind).toBe('aborted');
    expect(toPassidError(new TypeError('fetch failed')).kind).toBe('network');
  });
});
