/** Ports and URLs of the servers the e2e suite starts (see playwright.config.ts). */
export const SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 39787);
export const PLAYGROUND_PORT = Number(process.env.E2E_PLAYGROUND_PORT ?? 39173);
export const STORYBOOK_PORT = Number(process.env.E2E_STORYBOOK_PORT ?? 39006);

export const SANDBOX_URL = `http://127.0.0.1:${SANDBOX_PORT}`;
export const PLAYGROUND_URL = `http://127.0.0.1:${PLAYGROUND_PORT}`;
export const STORYBOOK_URL = `http://127.0.0.1:${STORYBOOK_PORT}`;

/** Chromium from Debian, never a downloaded one. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
