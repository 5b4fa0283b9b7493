/**
 * Vitest global set-up of the `redis` project: one real redis-server for the whole run (tests
 * that restart Redis start their own), handed to the tests as `inject('redisUrl')`. Without
 * redis-server the run fails here, with what to install.
 */
import type { TestProject } from 'vitest/node';
import { startTestRedis } from './redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const redis = await startTestRedis();
  project.provide('redisUrl', redis.url);
  return () => redis.dispose();
}
