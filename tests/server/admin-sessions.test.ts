import { describe, expect, it } from 'vitest';
import { closeAdminSessions, withAdminSession } from '../../harness/server/admin-sessions.js';
import { withClient } from '../../harness/server/connect.js';
import { testServer } from '../support/scratch.js';

const LOCK = 740_421;
const url = () => testServer().adminUrl;
const backend = (client: { query: (sql: string) => Promise<{ rows: { pid: number }[] }> }) => client.query('SELECT pg_backend_pid() AS pid').then((r) => r.rows[0]!.pid);

/** Whether a backend still runs, and which advisory locks of ours it holds, seen from another connection. */
async function seen(pid: number): Promise<{ alive: boolean; locks: number }> {
  return withClient(url(), async (other) => {
    const alive = (await other.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).rowCount! > 0;
    const locks = (await other.query("SELECT 1 FROM pg_locks WHERE pid = $1 AND locktype = 'advisory' AND objid = $2", [pid, LOCK])).rowCount!;
    return { alive, locks };
  });
}

/** A backend that was closed is gone once the server has noticed: waits for that, a few seconds at most. */
async function gone(pid: number): Promise<boolean> {
  for (let tries = 0; tries < 50; tries++) {
    if (!(await seen(pid)).alive) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

const tcpSockets = () => process.getActiveResourcesInfo().filter((kind) => kind === 'TCPSocketWrap').length;

describe('admin sessions: one connection to the admin database, kept for the next use in the process', () => {
  it('the next use gets the same backend, reset: no setting and no advisory lock of the last use left', async () => {
    await closeAdminSessions(url());
    const first = await withAdminSession(url(), async (client) => {
      await client.query("SET application_name = 'left-behind'");
      await client.query('SELECT pg_advisory_lock($1)', [LOCK]);
      return backend(client);
    });
    // kept, idle: its lock released by the reset, while its backend lives on
    expect(await seen(first)).toEqual({ alive: true, locks: 0 });
    const second = await withAdminSession(url(), async (client) => ({ pid: await backend(client), name: (await client.query("SELECT current_setting('application_name') AS v")).rows[0].v }));
    expect(second).toEqual({ pid: first, name: '' });
  });

  it('a use that fails closes its connection, with what it held: the next use gets another backend', async () => {
    let failed = 0;
    await expect(
      withAdminSession(url(), async (client) => {
        await client.query('SELECT pg_advisory_lock($1)', [LOCK]);
        failed = await backend(client);
        throw new Error('the use failed');
      }),
    ).rejects.toThrow('the use failed');
    expect(await gone(failed)).toBe(true);
    expect(await withAdminSession(url(), backend)).not.toBe(failed);
  });

  it('two uses at once get two backends: a session is never shared', async () => {
    let arrived = 0;
    let release = () => {};
    const both = new Promise<void>((resolve) => (release = resolve));
    const use = () =>
      withAdminSession(url(), async (client) => {
        if (++arrived === 2) release();
        await both;
        return backend(client);
      });
    const [a, b] = await Promise.all([use(), use()]);
    expect(a).not.toBe(b);
  });

  it('a kept connection its server ended is not handed out: the next use connects anew', async () => {
    const kept = await withAdminSession(url(), backend);
    await withClient(url(), (other) => other.query('SELECT pg_terminate_backend($1)', [kept]));
    // at once, before this process may have seen the connection close
    const next = await withAdminSession(url(), backend);
    expect(next).not.toBe(kept);
  });

  it('a kept connection does not hold the process open, and closeAdminSessions closes it', async () => {
    await closeAdminSessions(url());
    const before = tcpSockets();
    const kept = await withAdminSession(url(), backend);
    expect(tcpSockets()).toBe(before);
    expect((await seen(kept)).alive).toBe(true);
    await closeAdminSessions(url());
    expect(await gone(kept)).toBe(true);
  });
});
