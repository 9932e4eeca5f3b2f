import { request } from 'node:http';
import { existsSync } from 'node:fs';
import { ServerStartError } from './errors.js';
import { secondsFromEnv } from '../util/env-seconds.js';

export interface DockerEndpoint {
  /** As the user would write it (DOCKER_HOST or the default socket). */
  label: string;
  socketPath?: string;
  host?: string;
  port?: number;
  /** How long the daemon has to answer the ping (PARITY_DOCKER_TIMEOUT, in seconds; default 3). */
  timeoutMs: number;
}

const DEFAULT_PING_SECONDS = 3;

export function dockerEndpoint(env = process.env): DockerEndpoint {
  const timeoutMs = pingTimeoutMs(env);
  const host = env.DOCKER_HOST;
  if (!host) return { label: 'unix:///var/run/docker.sock', socketPath: '/var/run/docker.sock', timeoutMs };
  if (host.startsWith('unix://')) return { label: host, socketPath: host.slice('unix://'.length), timeoutMs };
  const parsed = new URL(host.replace(/^tcp:/, 'http:'));
  return { label: host, host: parsed.hostname, port: Number(parsed.port || 2375), timeoutMs };
}

/** A remote daemon (over a tunnel, a slow VM) may need longer than the default to answer. */
function pingTimeoutMs(env: NodeJS.ProcessEnv): number {
  return secondsFromEnv(env, 'PARITY_DOCKER_TIMEOUT', { default: DEFAULT_PING_SECONDS, max: 600, what: 'the seconds the Docker daemon has to answer' }, (m) => new ServerStartError(m));
}

/** The ping's limit as a message says it: "3 s", "0.5 s". */
export function pingLimit(endpoint: DockerEndpoint): string {
  return `${endpoint.timeoutMs / 1000} s`;
}

/**
 * Asks the daemon `GET /_ping` with a hard deadline. testcontainers itself waits forever on
 * an endpoint that accepts TCP but never answers, so we ask first.
 */
export function dockerAnswers(endpoint: DockerEndpoint, timeoutMs = endpoint.timeoutMs): Promise<boolean> {
  if (endpoint.socketPath && !existsSync(endpoint.socketPath)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const req = request(
      { socketPath: endpoint.socketPath, host: endpoint.host, port: endpoint.port, path: '/_ping', method: 'GET', timeout: timeoutMs },
      (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      },
    );
    const timer = setTimeout(() => req.destroy(new Error('timeout')), timeoutMs);
    req.on('error', () => resolve(false));
    req.on('close', () => clearTimeout(timer));
    req.end();
  });
}

/**
 * The postgres image of `major` for the container provider and the container pg_dump:
 * PARITY_CONTAINER_IMAGE (a mirror, or an image built in-house where no registry is reachable),
 * whose `{major}` stands for the major wanted (`schema-parity/postgres:{major}`: one tag per
 * major, so following production's major picks its image), else the official `postgres:<major>-alpine`.
 */
export function postgresImage(major: number, env = process.env): string {
  return env.PARITY_CONTAINER_IMAGE ? env.PARITY_CONTAINER_IMAGE.replaceAll('{major}', String(major)) : `postgres:${major}-alpine`;
}

/** Label on every container the harness starts, so a person (or CI) can find what is ours. */
export const CONTAINER_LABEL = 'dev.schema-parity';
