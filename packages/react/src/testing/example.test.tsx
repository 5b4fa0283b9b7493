import { useState } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, it } from 'vitest';
import { PASSIDVerify } from '@passid/react';
import type { Claims, PASSIDVerifyProps } from '@passid/react';
import { createFakePassid } from '@passid/react/testing';

/** Your page: the widget until the customer is verified, then their tier. */
function Onboarding(props: Partial<PASSIDVerifyProps>) {
  const [claims, setClaims] = useState<Claims | null>(null);
  if (claims) return <p>Welcome! Your PASSID tier is {claims.tier}.</p>;
  return <PASSIDVerify endpoint="/api/passid" institutionName="Demo Bank" onSuccess={setClaims} {...props} />;
}

it('shows the tier once the customer approves in the PASSID app', async () => {
  const passid = createFakePassid();
  render(<Onboarding {...passid.props} />);

  await userEvent.click(screen.getByRole('button', { name: 'Generate QR code' }));
  expect(await screen.findByText('AB3X-7YQM')).toBeTruthy(); // the code beside the QR

  await passid.approve('kwame'); // a sandbox persona: tier C
  expect(await screen.findByText('Welcome! Your PASSID tier is C.')).toBeTruthy();
});

it('offers "Try again" when the customer declines', async () => {
  const passid = createFakePassid();
  render(<Onboarding {...passid.props} autoStart />);

  await passid.decline();
  expect(await screen.findByText('The customer declined the request in the PASSID app.')).toBeTruthy();
  await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
  expect(passid.sessions).toHaveLength(2);
});
