/** What pasby answers about a flow: the identification model and the flow model (ping). */
import { PASBY_PERSONAS, type PasbyApp } from './fixtures.js';
import type { FlowRow } from './store.js';

/** The identification model (`request` of a create answer, `model` of a cancel answer). */
export function modelOf(row: FlowRow, app: PasbyApp) {
  return {
    id: row.id,
    consumer: app.consumer,
    app: app.app,
    name: app.name,
    mode: 'identification',
    action: row.action,
    user: row.user,
    acquireClaims: JSON.parse(row.claims) as string[],
    signature: row.stamp,
    iat: row.iat,
    exp: row.exp,
    ip: row.ip,
    useragent: row.useragent,
    payload: row.payload,
  };
}

/** The NIN of whoever the flow is for: the target, else the device that picked it up, else `''`. */
function requestee(row: FlowRow): string {
  if (row.user !== '') return row.user;
  const holder = row.holder === null ? undefined : PASBY_PERSONAS[row.holder as keyof typeof PASBY_PERSONAS];
  return holder?.nin ?? '';
}

/** The flow model: `data.request` of ping and polling, the `data` of each SSE event. */
export function pingOf(row: FlowRow, app: PasbyApp) {
  return {
    reference: row.id,
    requester: app.consumer,
    requestee: requestee(row),
    iat: row.iat,
    mode: 'identification',
    cancelled: row.cancelled === 1,
    onsession: row.onsession === 1,
    ...(row.signed_at === null
      ? {}
      : { signedAt: row.signed_at, signature: row.signature ?? '', claims: JSON.parse(row.enc_claims ?? '{}') as unknown }),
  };
}
