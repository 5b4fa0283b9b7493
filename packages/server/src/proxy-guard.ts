/**
 * The proxy's checks against cross-site use: a page on another site can make a browser send
 * "simple" requests (a `text/plain` POST, a form) without any CORS preflight, with the
 * customer's cookies. So POST bodies must be declared `application/json` (which a simple request
 * cannot do), and a request a browser marks as cross-site (`Sec-Fetch-Site`), or whose `Origin`
 * is foreign, is refused unless that origin is allowed. Requests without these headers (curl,
 * server-to-server calls, old browsers on a same-origin page) pass.
 */
import { PassidConfigError } from './errors.js';

/** `application/json`, with or without parameters (`; charset=utf-8`), any case. */
export function isJsonContentType(value: string | null): boolean {
  return value !== null && value.split(';')[0]!.trim().toLowerCase() === 'application/json';
}

/** Checks `allowedOrigins` (`scheme://host[:port]`, as a browser's `Origin` header spells it). */
export function parseAllowedOrigins(origins: readonly string[] | undefined): ReadonlySet<string> {
  for (const origin of origins ?? []) {
    let parsed: string | undefined;
    try {
      parsed = new URL(origin).origin;
    } catch {
      parsed = undefined;
    }
    if (parsed !== origin) {
      throw new PassidConfigError(
        `allowedOrigins takes origins such as "https://app.example.com" (scheme, host and port only, no path or trailing slash); got "${origin}".`,
      );
    }
  }
  return new Set(origins);
}

/**
 * Why `request` is refused as cross-site, or `null` when it may go on. The browser's
 * `Sec-Fetch-Site` decides when it says `same-origin` or `none` (this holds behind a reverse
 * proxy that rewrites the Host); otherwise a present `Origin` must be listed, or have this
 * request's host (the scheme is not compared: TLS often ends at a proxy in front).
 */
export function crossSiteRefusal(request: Request, allowedOrigins: ReadonlySet<string>): string | null {
  const origin = request.headers.get('origin');
  if (origin !== null && allowedOrigins.has(origin)) return null;
  const site = request.headers.get('sec-fetch-site')?.toLowerCase();
  if (site === 'same-origin' || site === 'none') return null;
  if (site === 'cross-site') return 'Cross-site requests are not allowed here (list the calling page in allowedOrigins).';
  if (origin === null) return null;
  let host: string | null;
  try {
    host = new URL(origin).host;
  } catch {
    host = null;
  }
  if (host !== null && host === new URL(request.url).host) return null;
  return `Requests from ${origin === 'null' ? 'an opaque origin' : 'another origin'} are not allowed here (list the calling page in allowedOrigins).`;
}
