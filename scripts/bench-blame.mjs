// Blame's cost (npm run bench): one object's history on the repo's migrations-legacy chain and on
// a synthetic 500-file chain (each file adds a column or an index), cold (every prefix built as a
// template) and warm (templates there, each prefix snapshotted again). No disk snapshot cache.
// Alone: node scripts/bench-blame.mjs (BENCH_BLAME_FILES=500 sets the synthetic chain's length).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** 001 creates a table; then, alternately, a file adds a column and one indexes the column before. */
export function syntheticChain(files) {
  const dir = mkdtempSync(join(tmpdir(), 'parity-bench-chain-'));
  const name = (i) => `${String(i).padStart(4, '0')}_step.sql`;
  writeFileSync(join(dir, name(1)), 'CREATE TABLE wide (id int PRIMARY KEY);\n');
  for (let i = 2; i <= files; i++) {
    writeFileSync(join(dir, name(i)), i % 2 === 0 ? `ALTER TABLE wide ADD COLUMN c${i} int;\n` : `CREATE INDEX wide_c${i - 1}_idx ON wide (c${i - 1});\n`);
  }
  return dir;
}

async function dropTemplates(h, server) {
  const names = await h.withClient(server.adminUrl, async (c) => (await c.query("SELECT datname FROM pg_database WHERE datname LIKE 'parity\\_tpl\\_%' AND datistemplate")).rows.map((r) => r.datname));
  for (const name of names) await h.dropTemplate(server, name);
}

/** Rows of [step, { median, min, max, runs }]. */
export async function benchBlame(h, server, measure, root, files = Number(process.env.BENCH_BLAME_FILES ?? 500), onRow = () => {}) {
  const rows = [];
  const push = (row) => (rows.push(row), onRow(row));
  const snapshotOf = (source) => h.snapshotOfSource(source, async () => server);
  const timed = async (label, spec, path, runs) => {
    const chain = h.chainOf(spec, root);
    const once = () => h.blame(chain, [path], snapshotOf);
    push([`blame ${path} on ${label}, cold: ${chain.steps.length} prefixes built + snapshotted`, await measure(async () => { await dropTemplates(h, server); await once(); }, runs, 0)]);
    push([`blame ${path} on ${label}, warm: templates there, ${chain.steps.length + 1} snapshots`, await measure(once, runs, 1)]);
  };
  await timed('migrations-legacy (18 files)', 'legacy:migrations-legacy', 'public.request_status', 5);
  const dir = syntheticChain(files);
  try {
    await timed(`a synthetic ${files}-file chain`, `legacy:${dir}`, 'public.wide.c2', Number(process.env.BENCH_BLAME_RUNS ?? 1));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(fileURLToPath(import.meta.url), '..', '..');
  const h = await import(join(root, 'dist', 'harness', 'index.js'));
  const measure = async (run, runs, warmup) => {
    for (let i = 0; i < warmup; i++) await run();
    const times = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await run();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return { median: times[Math.floor(times.length / 2)], min: times[0], max: times.at(-1), runs };
  };
  const server = await h.startServer();
  try {
    const print = ([step, r]) => console.log(`${step}: median ${(r.median / 1000).toFixed(2)} s (min ${(r.min / 1000).toFixed(2)}, max ${(r.max / 1000).toFixed(2)}, ${r.runs} runs)`);
    await benchBlame(h, server, measure, root, undefined, print);
  } finally {
    await server.stop();
  }
  process.exit(0);
}
