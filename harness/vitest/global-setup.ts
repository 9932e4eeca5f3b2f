import type { TestProject } from 'vitest/node';
import { handleOf, type ServerHandle } from '../server/attach.js';
import { startServer } from '../server/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    parityServer: ServerHandle;
  }
}

/**
 * One server per test run, many databases on it. The teardown stops it; if vitest itself is
 * killed, the embedded cluster's watchdog stops it, and the next run reaps anything left.
 */
export default async function setup(project: TestProject) {
  const server = await startServer({ log: process.env.PARITY_DEBUG ? (line) => console.error(`[parity] ${line}`) : undefined });
  project.provide('parityServer', handleOf(server));
  return async () => {
    await server.stop();
  };
}
