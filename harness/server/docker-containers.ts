import { request } from 'node:http';
import { hostname } from 'node:os';
import { CONTAINER_LABEL, type DockerEndpoint } from './docker.js';
import { isAlive } from './processes.js';

/**
 * The harness's own bookkeeping of its containers, through the Docker API. testcontainers' reaper
 * (ryuk) normally removes what a dead run left; where ryuk cannot run (no registry, or
 * TESTCONTAINERS_RYUK_DISABLED) these labels let the next run do it, as orphans.ts does for
 * embedded clusters.
 */
export const OWNER_PID_LABEL = `${CONTAINER_LABEL}.pid`;
export const OWNER_HOST_LABEL = `${CONTAINER_LABEL}.host`;
export const START_LABEL = `${CONTAINER_LABEL}.start`;

export interface OurContainer {
  id: string;
  state: string;
  labels: Record<string, string>;
}

/** Labels for a container started now by this process; `start` tells one start from another. */
export function ownerLabels(role: string, start: string): Record<string, string> {
  return { [CONTAINER_LABEL]: role, [OWNER_PID_LABEL]: String(process.pid), [OWNER_HOST_LABEL]: hostname(), [START_LABEL]: start };
}

/** One Docker Engine API call; rejects when the daemon does not answer in time. */
export function dockerApi(endpoint: DockerEndpoint, method: string, path: string, timeoutMs = 10_000): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: endpoint.socketPath, host: endpoint.host, port: endpoint.port, method, path, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`the Docker daemon at ${endpoint.label} did not answer ${method} ${path} within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/** Our containers (running or not); `label` narrows to `key=value`. */
export async function listOurContainers(endpoint: DockerEndpoint, label = CONTAINER_LABEL): Promise<OurContainer[]> {
  const filters = encodeURIComponent(JSON.stringify({ label: [label] }));
  const { status, body } = await dockerApi(endpoint, 'GET', `/containers/json?all=1&filters=${filters}`);
  if (status !== 200) throw new Error(`the Docker daemon at ${endpoint.label} answered ${status} to a container list: ${body.trim()}`);
  return (JSON.parse(body) as Array<{ Id: string; State: string; Labels: Record<string, string> }>).map((c) => ({ id: c.Id, state: c.State, labels: c.Labels ?? {} }));
}

export async function removeContainer(endpoint: DockerEndpoint, id: string): Promise<void> {
  const { status, body } = await dockerApi(endpoint, 'DELETE', `/containers/${id}?force=1&v=1`, 30_000);
  if (status !== 204 && status !== 404) throw new Error(`the Docker daemon at ${endpoint.label} would not remove container ${id.slice(0, 12)}: ${body.trim()}`);
}

/** Removes what one start left (a start that failed half-way leaves its container behind). */
export async function removeStart(endpoint: DockerEndpoint, start: string): Promise<void> {
  for (const container of await listOurContainers(endpoint, `${START_LABEL}=${start}`)) await removeContainer(endpoint, container.id);
}

/** Removes containers started on this host by a process that is gone (a SIGKILLed run); returns their ids. */
export async function removeOrphanContainers(endpoint: DockerEndpoint): Promise<string[]> {
  const removed: string[] = [];
  for (const container of await listOurContainers(endpoint, OWNER_PID_LABEL)) {
    const pid = Number(container.labels[OWNER_PID_LABEL]);
    if (container.labels[OWNER_HOST_LABEL] !== hostname() || !Number.isInteger(pid) || isAlive(pid)) continue;
    await removeContainer(endpoint, container.id);
    removed.push(container.id);
  }
  return removed;
}
