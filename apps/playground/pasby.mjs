// @ts-check
/**
 * pasby in the playground's backend, kept apart from server.mjs: `createPasbyProxy` from
 * `@passid/server/pasby` mounted at `/api/pasby` against the sandbox's `/pasby`, holding the
 * sandbox app's key, secret and private key (the browser never sees them), and the sandbox's
 * pasby wallet endpoints for the `/sandbox/*` pass-through (the wallet simulator plays the
 * pasby app through it).
 */
import { createPasbyProxy } from '@passid/server/pasby';

/** Where the pasby proxy is mounted: `<PasbyVerify endpoint>`. */
export const PASBY_PREFIX = '/api/pasby';
/** The sandbox's pasby app (public test credentials, docs/pasby.md). */
export const PASBY_API_KEY = 'bk-test_sandbox';
const PASBY_SECRET = 'snb_sandbox';
/** The sandbox's pasby wallet side and personas, which `/sandbox/*` forwards (no credentials). */
export const PASBY_PASS_THROUGH = [/^\/pasby\/sandbox\/wallet\/(scan|open|flows|approve|decline)$/, /^\/pasby\/sandbox\/personas$/];

/**
 * Mounts the pasby proxy on `app`. The sandbox makes its pasby key pair per database, so the
 * private key is fetched from it (`/pasby/sandbox/communication-keys`) on the first pasby
 * request, and again after a failure; until the sandbox answers, pasby calls get 502.
 * @param {import('hono').Hono} app
 * @param {{ sandboxUrl: string }} options
 */
export function mountPasby(app, { sandboxUrl }) {
  const base = `${sandboxUrl}/pasby`;
  /** @type {Promise<import('@passid/server/pasby').PasbyProxyHandler> | undefined} */
  let proxy;
  const load = () =>
    (proxy ??= (async () => {
      const res = await fetch(`${base}/sandbox/communication-keys`, {
        headers: { 'x-api-key': PASBY_API_KEY, 'x-access-secret': PASBY_SECRET },
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`the sandbox answered ${res.status} for its pasby keys`);
      const { data } = /** @type {{ data: { privateKey: string } }} */ (await res.json());
      return createPasbyProxy({
        apiKey: PASBY_API_KEY,
        secret: PASBY_SECRET,
        privateKey: data.privateKey,
        baseUrl: base,
        prefix: PASBY_PREFIX,
        // Every claim, so the page's checkboxes can ask for any; none asked: given and family names.
        claims: ['naming.given', 'naming.middle', 'naming.family', 'contact.email', 'bio.birthdate', 'bio.gender', 'bio.birthnumber', 'nationality.primary', 'nationality.residence'],
        payload: 'Verify your identity with Sandbox Bank (PASSID Verify playground)',
      });
    })().catch((error) => {
      proxy = undefined;
      throw error;
    }));

  app.all(`${PASBY_PREFIX}/*`, async (c) => {
    let handler;
    try {
      handler = await load();
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return c.json({ error: { code: 'UPSTREAM_UNAVAILABLE', message: `[passid] the sandbox at ${sandboxUrl} does not give its pasby keys: ${why}` } }, 502);
    }
    return handler(c.req.raw);
  });
}
