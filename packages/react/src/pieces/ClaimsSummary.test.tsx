import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { claimRows } from '@passid/core';
import { ClaimsSummary } from './ClaimsSummary.js';
import { ScoreBadge } from './ScoreBadge.js';

describe('ClaimsSummary', () => {
  it('renders a claim that contains markup as text, never as HTML', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const { container } = render(
      <ClaimsSummary rows={claimRows({ income_verified: true, income_band: hostile })} label="Verified claims" />,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText(hostile).tagName).toBe('DD');
    expect(screen.getByText('Income band').tagName).toBe('DT');
  });

  it('shows one labelled row per claim with its tone, and nothing when there are none', () => {
    const { container, rerender } = render(
      <ClaimsSummary rows={claimRows({ sanctions_clear: true, fraud_risk: 'high' })} />,
    );
    const values = [...container.querySelectorAll('dd')].map((dd) => [dd.textContent, dd.dataset.tone]);
    expect(values).toEqual([
      ['Clear', 'positive'],
      ['High', 'negative'],
    ]);
    rerender(<ClaimsSummary rows={[]} />);
    expect(container.innerHTML).toBe('');
  });
});

describe('ScoreBadge', () => {
  it('shows the score with its spoken text and the tier', () => {
    render(<ScoreBadge score={812} scoreText="FSI 812" tier="A" tierText="Tier A" />);
    expect(screen.getByText('FSI 812')).toBeTruthy();
    expect(screen.getByText('Tier A')).toBeTruthy();
  });

  it('renders nothing without score and tier', () => {
    const { container } = render(<ScoreBadge score={null} tier={null} />);
    expect(container.innerHTML).toBe('');
  });
});
