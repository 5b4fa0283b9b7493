/**
 * `@passid/react/testing`: a test kit for pages that embed `<PASSIDVerify>` or
 * `<PasbyVerify>`. `createFakePassid()` / `createFakePasby()` give `props` to spread onto the
 * widget (an in-memory provider: no network, no server) and drivers for the customer's side
 * (`approve`, `decline`, `expire`) and the network's (`fail`, `hold`, `goOffline`). The real
 * component, hook and core run on top. Its own entry: the main entry never imports it, so
 * production bundles do not carry it.
 */
export { createFakePassid } from './passid.js';
export type {
  FakePassid,
  FakePassidDecline,
  FakePassidOptions,
  FakePassidProps,
  FakePassidSession,
  FakeTokenAnswer,
} from './passid.js';
export { createFakePasby } from './pasby.js';
export type { FakePasby, FakePasbyOptions, FakePasbyProps, FakePasbySession } from './pasby.js';
export type { FakeCall, FakeCallKind, FakeSession, FakeSessionStatus } from './engine.js';
export { PASSID_PERSONAS, PASSID_FIXTURE_TOKENS, PASSID_DENY_TOKENS, PASBY_PERSONAS } from './personas.js';
export type { FakePersona } from './personas.js';
