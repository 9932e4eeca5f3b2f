import type pg from 'pg';
import { connect } from './connect.js';

// A connection to a server's admin database, kept after use for the next one in this process.
// A run makes hundreds of short admin uses (a template checked under its lock, a database created
// or dropped); each new connection costs the server a backend and an authentication (~7 ms of its
// CPU on a small machine), far more than the two round trips a kept one costs.

/** How long a kept connection waits for its next use before it is closed. */
const IDLE_MS = 5_000;
/** At most this many are kept per URL: more run at once only briefly. */
const MAX_KEPT = 2;
/** A kept connection that does not answer its check or reset in this time is given up (a server gone silent). */
const ANSWER_MS = 10_000;

/** pg's Client has ref()/unref() (its socket's), which its types do not declare. */
type Refable = pg.Client & { ref?: () => void; unref?: () => void };

interface Kept {
  client: pg.Client;
  timer: NodeJS.Timeout;
  onEnd: () => void;
}

const kept = new Map<string, Kept[]>();

/**
 * Runs `fn` on an admin connection to `url` that nothing else uses meanwhile: a kept one when
 * there is one, else a new one. After `fn` succeeds, the session is reset (`DISCARD ALL`: its
 * settings and advisory locks gone) and kept; after it fails, or when the reset fails, it is
 * closed, which ends whatever the session held.
 */
export async function withAdminSession<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = (await takeKept(url)) ?? (await connect(url));
  let result: T;
  try {
    result = await fn(client);
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
  await keep(url, client);
  return result;
}

/** Closes the connections kept for `url` (its server is stopping or forgotten). */
export async function closeAdminSessions(url: string): Promise<void> {
  const list = kept.get(url) ?? [];
  kept.delete(url);
  await Promise.all(list.map((entry) => forget(entry).end().catch(() => {})));
}

/** A kept connection that still answers, or none: one its server closed meanwhile is dropped. */
async function takeKept(url: string): Promise<pg.Client | undefined> {
  for (let entry = kept.get(url)?.pop(); entry; entry = kept.get(url)?.pop()) {
    if (kept.get(url)?.length === 0) kept.delete(url);
    const client = forget(entry);
    try {
      await answered(client, 'SELECT 1');
      return client;
    } catch {
      await client.end().catch(() => {});
    }
  }
  return undefined;
}

async function keep(url: string, client: pg.Client): Promise<void> {
  const list = kept.get(url) ?? [];
  // (a pg without unref: a kept connection would hold the process open until its timer)
  if (list.length >= MAX_KEPT || typeof (client as Refable).unref !== 'function') return void (await client.end().catch(() => {}));
  try {
    await answered(client, 'DISCARD ALL');
  } catch {
    return void (await client.end().catch(() => {}));
  }
  const entry: Kept = {
    client,
    // closed after a while unused; neither it nor the connection keeps the process alive
    timer: setTimeout(() => void closeKept(url, entry), IDLE_MS).unref(),
    // its server ended it (stopped, restarted, an idle timeout): never handed out again
    onEnd: () => void closeKept(url, entry),
  };
  client.once('end', entry.onEnd);
  (client as Refable).unref!();
  list.push(entry);
  kept.set(url, list);
}

function closeKept(url: string, entry: Kept): Promise<void> {
  const list = kept.get(url);
  const at = list?.indexOf(entry) ?? -1;
  if (at < 0) return Promise.resolve();
  list!.splice(at, 1);
  if (list!.length === 0) kept.delete(url);
  return forget(entry).end().catch(() => {});
}

/** pg's per-query `query_timeout`, which its types do not declare. */
function answered(client: pg.Client, text: string): Promise<unknown> {
  return client.query({ text, query_timeout: ANSWER_MS } as pg.QueryConfig);
}

/** Out of the kept list, held by the process again: to be used, or closed (ending one the process does not wait for would leave that wait pending). */
function forget(entry: Kept): pg.Client {
  clearTimeout(entry.timer);
  entry.client.off('end', entry.onEnd);
  (entry.client as Refable).ref?.();
  return entry.client;
}
