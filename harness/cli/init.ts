import { discover } from '../init/discover.js';
import { DEFAULT_SECRET, planConfig, renderCheckWorkflow, renderConfig, renderNightlyWorkflow, vitestLines } from '../init/render.js';
import type { Output } from './io.js';
import { planFiles, writeFiles, type PlannedFile } from '../init/write.js';

export const INIT_FILES = { config: 'parity.config.ts', check: '.github/workflows/parity.yml', nightly: '.github/workflows/parity-nightly.yml' } as const;

/**
 * `parity init`: looks at the project (drizzle.config.ts, migration folders, a production URL
 * variable), writes parity.config.ts and the two workflows, and prints what it wrote and what to
 * run next. It asks nothing (--yes is accepted for scripts): a file that exists and differs is
 * left as it is and said so, unless --force. Running it again changes nothing.
 */
export async function initCommand(root: string, options: { dryRun?: boolean; force?: boolean }, io: { stdout: Output } = process): Promise<number> {
  const found = await discover(root);
  const say = (line = '') => io.stdout.write(`${line}\n`);
  const plan = planConfig(found);
  if (plan.sources.length === 0) {
    throw new Error(
      `nothing to compare in ${root}: no drizzle.config.ts with a schema file or migrations, and no migration folder (migrations/, db/migrations/, supabase/migrations/, prisma/migrations/, a sqitch.plan …)` +
        (found.notes.length ? `\n${found.notes.map((n) => `  ${n}`).join('\n')}` : ''),
    );
  }

  say('found:');
  const drizzle = found.drizzle;
  if (drizzle) {
    const how = drizzle.how === 'loaded' ? 'loaded' : `read as text: loading it failed (${drizzle.loadError})`;
    say(`  ${drizzle.file} (${how}): schema ${drizzle.schema.join(', ') || '(none)'}, out ${drizzle.outDir} (${drizzle.layout === 'none' ? 'no migrations yet' : `drizzle-kit ${drizzle.layout}, ${drizzle.migrations} migration${drizzle.migrations === 1 ? '' : 's'}`})`);
  }
  for (const folder of found.folders) say(`  ${folder.dir}: ${folder.format}, ${folder.files} migration${folder.files === 1 ? '' : 's'}`);
  const secret = found.url?.name ?? DEFAULT_SECRET;
  say(found.url ? `  production URL: ${found.url.name} (${found.url.from})` : `  production URL: none named (.env.example, workflows): the nightly job reads the secret ${DEFAULT_SECRET}`);
  for (const note of found.notes) say(`  note: ${note}`);

  const files = planFiles(
    root,
    [
      { path: INIT_FILES.config, content: renderConfig(plan) },
      { path: INIT_FILES.check, content: renderCheckWorkflow() },
      { path: INIT_FILES.nightly, content: renderNightlyWorkflow(secret) },
    ],
    options,
  );
  say();
  if (options.dryRun) {
    for (const file of files) say(describe(file, true));
    for (const file of files.filter((f) => f.outcome === 'create' || f.outcome === 'overwrite')) say(`\n--- ${file.path}\n${file.content.trimEnd()}`);
    say('\n--dry-run: nothing written');
    return 0;
  }
  writeFiles(root, files);
  for (const file of files) say(describe(file, false));
  if (files.every((f) => f.outcome === 'unchanged')) {
    say('nothing changed: every file is already as parity init writes it');
    return 0;
  }
  if (!files.some((f) => f.outcome === 'create' || f.outcome === 'overwrite')) {
    say('nothing changed');
    return 0;
  }
  say();
  say(vitestLines(plan));
  say();
  say(`the nightly job reads a read-only production URL from the repository secret ${secret}: add it (Settings → Secrets and variables → Actions)`);
  say('next: npx parity refresh   (writes snapshots/<name>.snapshot.json: review them, commit them with parity.config.ts)');
  say('      npx parity check');
  return 0;
}

function describe(file: PlannedFile, dryRun: boolean): string {
  switch (file.outcome) {
    case 'create':
      return `${dryRun ? 'would write' : 'wrote'} ${file.path}`;
    case 'overwrite':
      return `${dryRun ? 'would overwrite' : 'overwrote'} ${file.path} (--force)`;
    case 'unchanged':
      return `unchanged: ${file.path}`;
    case 'differs':
      return `exists, left as is: ${file.path} (it differs from what init would write; --force to overwrite)`;
  }
}
