/** What the playground server tells the page (`GET /config.json`). */
export interface PlaygroundConfig {
  sandboxUrl: string;
  proxyPrefix: string;
  /** Where the playground server mounts createPasbyProxy: `<PasbyVerify endpoint>`. */
  pasbyPrefix: string;
  apiKey: string;
  lanUrls: string[];
  webhook: WebhookStatus;
}

/**
 * The playground server's webhook registration. `registered`: the sandbox delivers to `url`
 * (this playground's receiver). `deliversTo`: where the sandbox delivers, as last seen (another
 * URL when someone registered their own receiver; null when unknown).
 */
export interface WebhookStatus {
  registered: boolean;
  url: string;
  deliversTo: string | null;
  error: string | null;
}

const FALLBACK: PlaygroundConfig = {
  sandboxUrl: 'http://localhost:8787',
  proxyPrefix: '/api/passid',
  pasbyPrefix: '/api/pasby',
  apiKey: 'sk_sandbox_demo',
  lanUrls: [],
  webhook: { registered: false, url: '', deliversTo: null, error: 'the playground server did not answer' },
};

export async function loadConfig(): Promise<PlaygroundConfig> {
  try {
    const res = await fetch('/config.json', { cache: 'no-store' });
    if (!res.ok) return FALLBACK;
    const config = (await res.json()) as PlaygroundConfig;
    return { ...config, sandboxUrl: reachableFromHere(config.sandboxUrl) };
  } catch {
    return FALLBACK;
  }
}

/**
 * A sandbox on `localhost` is not `localhost` for a phone that opened this page by the
 * machine's LAN address: use the page's host instead.
 */
export function reachableFromHere(sandboxUrl: string): string {
  try {
    const url = new URL(sandboxUrl);
    const local = ['localhost', '127.0.0.1', '[::1]'];
    if (local.includes(url.hostname) && !local.includes(location.hostname)) url.hostname = location.hostname;
    return url.toString().replace(/\/+$/, '');
  } catch {
    return sandboxUrl;
  }
}
