// npm run bench — speed is measured here, never in timed tests (the machines are noisy).
// Runs the compiled harness (dist/), prints medians measured in one run, side by side.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const harness = await import(join(root, 'dist', 'harness', 'index.js'));
const { startServer, legacySource, buildDatabase, connect, takeSnapshot, serializeSnapshot, compare, createDatabase, dropDatabase } = harness;
const { execFileSync } = await import('node:child_process');

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = 3;

async function measure(run) {
  for (let i = 0; i < WARMUP; i++) await run();
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], min: times[0], max: times[times.length - 1] };
}

const rows = [];
const started = performance.now();
const server = await startServer();
rows.push({ step: 'server start (embedded, cold)', median: performance.now() - started, min: NaN, max: NaN, runs: 1 });
try {
  const source = legacySource(join(root, 'migrations-legacy'));
  rows.push({ step: 'build legacy 001–018', ...(await measure(async () => (await buildDatabase(server, source)).drop())), runs: RUNS });
  const built = await buildDatabase(server, source);
  const client = await connect(built.url);
  try {
    const snapshot = await takeSnapshot(client);
    rows.push({ step: 'snapshot app schema (target ≤ 30 ms)', ...(await measure(() => takeSnapshot(client))), runs: RUNS });
    rows.push({ step: 'serialize snapshot', ...(await measure(async () => serializeSnapshot(snapshot))), runs: RUNS });
    rows.push({ step: 'compare two snapshots', ...(await measure(async () => compare(snapshot, structuredClone(snapshot)))), runs: RUNS });
    await client.end();
    rows.push({
      step: 'clone the built database (CREATE DATABASE … TEMPLATE)',
      ...(await measure(async () => dropDatabase(server, await createDatabase(server, 'clone', built.name)))),
      runs: RUNS,
    });
    const bin = join(root, 'bin', 'parity.js');
    rows.push({
      step: 'parity snapshot url:… (whole process)',
      ...(await measure(async () => execFileSync(process.execPath, [bin, 'snapshot', `url:${built.url}`], { stdio: ['ignore', 'ignore', 'inherit'] }))),
      runs: RUNS,
    });
  } finally {
    await client.end().catch(() => {});
    await built.drop();
  }
} finally {
  await server.stop();
}

const fmt = (n) => (Number.isNaN(n) ? '—' : `${n.toFixed(1)} ms`);
console.log(`schema-parity benchmark — Node ${process.version}, ${RUNS} runs after ${WARMUP} warm-up\n`);
console.log('| step | median | min | max | runs |\n|---|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.step} | ${fmt(r.median)} | ${fmt(r.min)} | ${fmt(r.max)} | ${r.runs} |`);
process.exit(0);
