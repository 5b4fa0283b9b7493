import { createPassidProxy, type PassidProxyOptions } from '../proxy.js';

/** What the proxy's unit tests' stub PASSID answers to a create. */
export const CREATED = {
  requestId: 'req_abcdefghijklmnopqrst',
  code: 'AB3X-7YQM',
  deepLink: 'passid://verify-request?r=req_abcdefghijklmnopqrst&i=inst_1',
  expiresAt: '2026-11-23T14:10:00.000Z',
  status: 'pending',
  serverTime: '2026-11-23T14:00:00.000Z',
};

/** A proxy whose PASSID is `answer(url)`; `calls` lists the upstream URLs. */
export function stubbedProxy(apiKey: string, answer: (url: string) => Response, options: Partial<PassidProxyOptions> = {}) {
  const calls: string[] = [];
  const proxy = createPassidProxy({
    apiKey,
    baseUrl: 'https://bridge.test',
    fetch: (async (url: string | URL | Request) => {
      calls.push(String(url));
      return answer(String(url));
    }) as typeof fetch,
    ...options,
  });
  return { proxy, calls };
}
