import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MigrationFolderError } from '../migration-files.js';
import { readMigrationText } from '../migration-text.js';
import { isDirectory, isFile, refuseEmpty } from './common.js';
import type { MigrationFormat, MigrationUnit } from './types.js';

/**
 * Sqitch: the order comes from `sqitch.plan`, not from file names. Each change's
 * `deploy/<change>.sql` runs as psql runs it (statement by statement; the scripts carry their own
 * BEGIN/COMMIT); `revert/` and `verify/` never run. A reworked change's earlier deploy script is
 * `deploy/<change>@<tag>.sql`, the first tag after it that has one.
 */
export const sqitch: MigrationFormat = {
  name: 'sqitch',
  describe: '`sqitch.plan` with `deploy/<change>.sql` (`revert/`, `verify/` never run)',
  detect: (dir) => isFile(join(dir, 'sqitch.plan')),
  list(dir) {
    const planFile = join(dir, 'sqitch.plan');
    if (!isFile(planFile)) throw new MigrationFolderError(`${dir}: no sqitch.plan: a Sqitch project is read in the order of its plan`);
    if (!isDirectory(join(dir, 'deploy'))) throw new MigrationFolderError(`${dir}: no deploy/ folder next to sqitch.plan`);
    const plan = parsePlan(readFileSync(planFile, 'utf8'));
    const units = plan.changes.map((change, i): MigrationUnit => {
      const later = plan.changes.findIndex((other, j) => j > i && other.name === change.name);
      let file = `deploy/${change.name}.sql`;
      if (later >= 0) {
        // reworked: the first tag between this change and its next instance that has a script
        const tags = plan.changes.slice(i, later).flatMap((c) => c.tags);
        const tagged = tags.map((tag) => `deploy/${change.name}@${tag}.sql`).find((name) => isFile(join(dir, name)));
        if (!tagged) throw new MigrationFolderError(`sqitch.plan:${change.line}: "${change.name}" is reworked later, but none of ${tags.map((t) => `deploy/${change.name}@${t}.sql`).join(', ') || 'deploy/<change>@<tag>.sql'} exists`);
        file = tagged;
      }
      const path = join(dir, file);
      if (!isFile(path)) throw new MigrationFolderError(`sqitch.plan:${change.line}: change "${change.name}" has no ${file}`);
      return { file, path, version: change.name, name: change.name, aliases: change.tags, sql: readMigrationText(path, file), line: 1, transaction: 'none', reason: 'Sqitch deploy script (psql, its own BEGIN/COMMIT)' };
    });
    return refuseEmpty(dir, units, 'changes in sqitch.plan');
  },
};

interface PlannedChange {
  name: string;
  line: number;
  requires: string[];
  /** Tags that follow the change in the plan (before the next change). */
  tags: string[];
}

/** `%pragma=value`, `@tag …`, `[+]change [deps] date planner <email> # note`, `#` comments. */
export function parsePlan(text: string): { project?: string; changes: PlannedChange[] } {
  const changes: PlannedChange[] = [];
  let project: string | undefined;
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.replace(/\r$/, '').trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('%')) {
      const pragma = /^%\s*([\w-]+)\s*=\s*(.*?)\s*$/.exec(line);
      if (pragma?.[1] === 'project') project = pragma[2];
      continue;
    }
    if (line.startsWith('@')) {
      const tag = /^@(\S+)/.exec(line)![1]!;
      if (changes.length === 0) throw new MigrationFolderError(`sqitch.plan:${i + 1}: tag @${tag} before any change`);
      changes[changes.length - 1]!.tags.push(tag);
      continue;
    }
    const change = /^([+-]?)([^\s[\]#@:%]+)\s*(?:\[([^\]]*)\])?/.exec(line);
    if (!change) throw new MigrationFolderError(`sqitch.plan:${i + 1}: not a change, tag or pragma: "${line.slice(0, 60)}"`);
    if (change[1] === '-') throw new MigrationFolderError(`sqitch.plan:${i + 1}: "-${change[2]}" plans a revert; the replay only deploys. Remove the line or rework the change.`);
    const requires = (change[3] ?? '').split(/\s+/).filter((dep) => dep && !dep.startsWith('!') && !dep.includes(':'));
    for (const dep of requires) {
      const name = dep.replace(/@.*$/, '');
      if (!changes.some((c) => c.name === name)) throw new MigrationFolderError(`sqitch.plan:${i + 1}: "${change[2]}" requires "${dep}", which the plan does not deploy before it (Sqitch refuses this too)`);
    }
    changes.push({ name: change[2]!, line: i + 1, requires, tags: [] });
  }
  return { project, changes };
}
