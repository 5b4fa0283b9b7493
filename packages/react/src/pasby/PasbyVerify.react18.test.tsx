/**
 * What only React 18 does for `<PasbyVerify>` (project `react18`): no `<style href precedence>`
 * hoisting, so the shared stylesheet and pasby's rules go into `<head>` once each, from
 * insertion effects. The shared suite (`PasbyVerify.test.tsx`) runs on React 18 too.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render } from '@testing-library/react';
import { version } from 'react';
import { STYLESHEET } from '../styles.js';
import { PasbyVerify } from './PasbyVerify.js';
import { PASBY_STYLESHEET } from './styles.js';

const sheets = () => [...document.querySelectorAll('style')];
beforeEach(() => sheets().forEach((s) => s.remove()));
afterEach(() => sheets().forEach((s) => s.remove()));

describe('<PasbyVerify> on React 18', () => {
  it('puts the shared stylesheet first and pasby\'s rules after it, once for two widgets, with the nonce', () => {
    expect(version).toMatch(/^18\./);
    render(
      <>
        <PasbyVerify endpoint="/api/pasby" onSuccess={() => {}} nonce="n0nce" />
        <PasbyVerify endpoint="/api/pasby" onSuccess={() => {}} nonce="n0nce" />
      </>,
    );
    expect(sheets().map((s) => [s.hasAttribute('data-passid') ? 'shared' : 'pasby', s.textContent === (s.hasAttribute('data-passid') ? STYLESHEET : PASBY_STYLESHEET), s.nonce])).toEqual([
      ['shared', true, 'n0nce'],
      ['pasby', true, 'n0nce'],
    ]);
  });
});
