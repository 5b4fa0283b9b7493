export * from './wire/schemas.js';
export * from './wire/format.js';
export type * from './types.js';
