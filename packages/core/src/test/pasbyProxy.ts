/**
 * Test helper: the browser contract of `createPasbyProxy` (docs/pasby.md) as a `fetch` stub
 * at the network boundary (`fakeFetch`): create, status, events, cancel. Times follow the
 * (fake) system clock; sessions live 360 s like pasby's flows.
 */
import type { PasbyClaims } from '../providers/pasby/wire/schemas.js';
import { fakeEventStream, fakeFetch, iso } from './bridge.js';
import type { FakeCall, FakeEventStream, Reply } from './bridge.js';

export const ENDPOINT = '/api/pasby';
export const SEEDS = ['pasby://aa-vi(01)', 'pasby://bb-vi(02)', 'pasby://cc-vi(03)', 'pasby://dd-vi(04)', 'pasby://ee-vi(05)'];
export const LINK = 'https://open.pasby.africa/app/?mode=identification&id=req_1-ABCD&source=mobile';
export const AMINA: PasbyClaims = { naming: { given: 'Amina', middle: 'Njeri', family: 'Wanjiru' } };
/** pasby's flows live 360 s. */
export const TTL_MS = 360_000;

export interface FakeProxyOptions {
  /** Answer of the n-th create. @default 201 in the mode asked for */
  create?: (n: number, call: FakeCall) => Reply | undefined;
  /** Answer of the n-th events request. @default a stream the test writes to (`streams[n]`) */
  events?: (n: number, call: FakeCall) => Reply | undefined;
  /** Answer of the n-th status read. @default pending */
  poll?: (n: number, call: FakeCall) => Reply | undefined;
  /** Server clock minus local clock. @default 0 */
  skewMs?: number;
}

export function fakePasbyProxy(options: FakeProxyOptions = {}) {
  const streams: FakeEventStream[] = [];
  let creates = 0;
  let opened = 0;
  let polls = 0;
  let expiresAt = 0;
  const serverNow = () => Date.now() + (options.skewMs ?? 0);
  /** A status answer (also the `data` of a `status` event). */
  const view = (status: 'pending' | 'completed' | 'declined' | 'expired', extra: Record<string, unknown> = {}) => ({
    handle: `h${creates}.mac`,
    status,
    pickedUp: status === 'completed',
    expiresAt: iso(expiresAt),
    serverTime: iso(serverNow()),
    ...extra,
  });
  const server = fakeFetch((call) => {
    if (call.method === 'POST' && call.path === `${ENDPOINT}/session`) {
      const n = creates++;
      expiresAt = serverNow() + TTL_MS;
      const { mode } = call.body as { mode: string };
      return (
        options.create?.(n, call) ?? {
          status: 201,
          body: {
            handle: `h${n + 1}.mac`,
            mode,
            ...(mode === 'wildcard' && { seeds: SEEDS }),
            ...(mode === 'same-device' && { link: LINK }),
            expiresAt: iso(expiresAt),
            serverTime: iso(serverNow()),
          },
        }
      );
    }
    if (call.method === 'POST' && call.path.endsWith('/cancel')) {
      return { body: { handle: 'h', status: 'declined', declineReason: 'CANCELLED' } };
    }
    if (call.path.endsWith('/events')) {
      const reply = options.events?.(opened++, call) ?? { stream: fakeEventStream() };
      if ('stream' in reply) streams.push(reply.stream);
      return reply;
    }
    return options.poll?.(polls++, call) ?? { body: view('pending') };
  });
  return {
    ...server,
    streams,
    view,
    /** The last stream opened. */
    get stream(): FakeEventStream {
      const last = streams.at(-1);
      if (!last) throw new Error('no event stream was opened');
      return last;
    },
    cancels: () => server.calls.filter((c) => c.path.endsWith('/cancel')),
    creates: () => server.calls.filter((c) => c.method === 'POST' && c.path === `${ENDPOINT}/session`),
    reads: () => server.calls.filter((c) => c.method === 'GET' && !c.path.endsWith('/events')),
    opens: () => server.calls.filter((c) => c.path.endsWith('/events')),
  };
}
